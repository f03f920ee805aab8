// Rules of a citizen initiative: lengths, dates, the call for volunteers, and who may manage it.
import { InvalidField } from "./contributions.ts";

export interface InitiativeDraft {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date | null;
  callForVolunteers: { message: string | null; needed: number | null; deadline: Date | null } | null;
}

const DAY = 86_400_000;
/** An initiative may be announced at most this far ahead, and last at most this long. */
const MAX_AHEAD_DAYS = 730;
const MAX_DURATION_DAYS = 366;

export function checkInitiative(
  input: {
    title: string;
    description: string;
    startsAt: Date;
    endsAt?: Date | null;
    callForVolunteers?: { message?: string | null; needed?: number | null; deadline?: Date | null } | null;
  },
  now: Date,
): InitiativeDraft {
  const title = input.title.trim();
  const description = input.description.trim();
  if (title.length < 5 || title.length > 150)
    throw new InvalidField("title", "Le titre doit faire de 5 à 150 caractères.");
  if (description.length < 20 || description.length > 5000) {
    throw new InvalidField("description", "La description doit faire de 20 à 5 000 caractères.");
  }
  const { startsAt } = input;
  const endsAt = input.endsAt ?? null;
  if (startsAt.getTime() < now.getTime() - DAY) {
    throw new InvalidField("startsAt", "Une initiative ne peut commencer dans le passé.");
  }
  if (startsAt.getTime() > now.getTime() + MAX_AHEAD_DAYS * DAY) {
    throw new InvalidField("startsAt", "Une initiative s'annonce au plus deux ans à l'avance.");
  }
  if (endsAt && endsAt.getTime() <= startsAt.getTime()) {
    throw new InvalidField("endsAt", "La fin doit suivre le début.");
  }
  if (endsAt && endsAt.getTime() - startsAt.getTime() > MAX_DURATION_DAYS * DAY) {
    throw new InvalidField("endsAt", "Une initiative dure au plus un an.");
  }
  let callForVolunteers: InitiativeDraft["callForVolunteers"] = null;
  if (input.callForVolunteers) {
    const call = input.callForVolunteers;
    const message = call.message?.trim() || null;
    if (message && message.length > 1000) {
      throw new InvalidField(
        "callForVolunteers.message",
        "L'appel à bénévoles ne peut dépasser 1 000 caractères.",
      );
    }
    const needed = call.needed ?? null;
    if (needed !== null && (!Number.isInteger(needed) || needed < 1 || needed > 1000)) {
      throw new InvalidField(
        "callForVolunteers.needed",
        "Le nombre de bénévoles doit être compris entre 1 et 1 000.",
      );
    }
    const deadline = call.deadline ?? startsAt;
    if (deadline.getTime() <= now.getTime() || deadline.getTime() > (endsAt ?? startsAt).getTime()) {
      throw new InvalidField(
        "callForVolunteers.deadline",
        "La date limite de l'appel doit être à venir, et au plus tard à la fin de l'initiative.",
      );
    }
    callForVolunteers = { message, needed, deadline };
  }
  return { title, description, startsAt, endsAt, callForVolunteers };
}

/** Whether a call for volunteers still accepts people. */
export function callIsOpen(
  initiative: {
    status: string;
    volunteersWanted: boolean;
    volunteersNeeded: number | null;
    volunteerDeadline: Date | null;
  },
  volunteerCount: number,
  now: Date,
): boolean {
  return (
    initiative.status === "published" &&
    initiative.volunteersWanted &&
    (initiative.volunteerDeadline === null || initiative.volunteerDeadline.getTime() > now.getTime()) &&
    (initiative.volunteersNeeded === null || volunteerCount < initiative.volunteersNeeded)
  );
}
