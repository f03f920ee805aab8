// Staff create a consultation, attached to a project or standing alone. If its participation period has already
// begun it is announced at once (consultation opened); otherwise when it begins (advanceParticipation.ts).
import { newId } from "../../../platform/ids.ts";
import type { CommandContext } from "./context.ts";
import { consultationOpened } from "./events.ts";
import type {
  ConsultationKind,
  ConsultationRecord,
  DocumentRecord,
  Eligibility,
  MeetingRecord,
} from "./model.ts";
import { invalid, isProblem, type Problem, projectNotFound } from "./problems.ts";
import { buildQuestionnaire, type QuestionInput } from "./questionnaire.ts";
import {
  BODY,
  coordinates,
  firstProblem,
  httpsUrl,
  optionalText,
  SHORT,
  SUMMARY,
  TITLE,
  text,
  uuids,
} from "./validate.ts";

export interface MeetingInput {
  title: string;
  startsAt: Date;
  endsAt?: Date | null;
  address?: string | null;
  lat?: number | null;
  lon?: number | null;
  agendaEventId?: string | null;
}

export interface CreateConsultationInput {
  projectId?: string | null;
  kind: ConsultationKind;
  title: string;
  summary: string;
  body?: string | null;
  publicationStartsAt?: Date | null;
  publicationEndsAt?: Date | null;
  participationStartsAt: Date;
  participationEndsAt: Date;
  eligibility?: {
    minimumAge?: number | null;
    requireResident?: boolean | null;
    requirePact?: boolean | null;
    quartierIds?: string[] | null;
  } | null;
  meetings?: MeetingInput[] | null;
  documents?: { title: string; url: string }[] | null;
  questionnaire?: QuestionInput[] | null;
}

function eligibilityOf(input: CreateConsultationInput["eligibility"]): Eligibility | Problem {
  const minimumAge = input?.minimumAge ?? null;
  if (minimumAge !== null && minimumAge !== 16 && minimumAge !== 18)
    return invalid("eligibility.minimumAge", "L'âge minimum est 16 ou 18 ans.");
  const quartierIds = uuids("eligibility.quartierIds", input?.quartierIds);
  if (isProblem(quartierIds)) return quartierIds;
  return {
    minimumAge,
    requireResident: input?.requireResident ?? false,
    requirePact: input?.requirePact ?? false,
    quartierIds,
  };
}

function meetingsOf(id: string, inputs: readonly MeetingInput[]): MeetingRecord[] | Problem {
  if (inputs.length > 50) return invalid("meetings", "Au plus 50 réunions.");
  const meetings: MeetingRecord[] = [];
  for (const [index, input] of inputs.entries()) {
    const field = `meetings[${index}]`;
    const title = text(`${field}.title`, input.title, TITLE);
    if (isProblem(title)) return title;
    const address = optionalText(`${field}.address`, input.address, SHORT);
    if (isProblem(address)) return address;
    if (input.endsAt && input.endsAt <= input.startsAt)
      return invalid(`${field}.endsAt`, "La fin d'une réunion doit suivre son début.");
    const located = input.lat !== null && input.lat !== undefined;
    if (located !== (input.lon !== null && input.lon !== undefined))
      return invalid(`${field}.lon`, "Latitude et longitude vont ensemble.");
    const outOfRange = located ? coordinates(field, input.lat as number, input.lon as number) : null;
    if (outOfRange) return outOfRange;
    const agenda = uuids(`${field}.agendaEventId`, input.agendaEventId ? [input.agendaEventId] : []);
    if (isProblem(agenda)) return agenda;
    meetings.push({
      id: newId(),
      consultationId: id,
      title,
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? null,
      address,
      lat: input.lat ?? null,
      lon: input.lon ?? null,
      agendaEventId: agenda[0] ?? null,
    });
  }
  return meetings;
}

function documentsOf(
  id: string,
  inputs: readonly { title: string; url: string }[],
): DocumentRecord[] | Problem {
  if (inputs.length > 50) return invalid("documents", "Au plus 50 documents.");
  const documents: DocumentRecord[] = [];
  for (const [index, input] of inputs.entries()) {
    const title = text(`documents[${index}].title`, input.title, TITLE);
    if (isProblem(title)) return title;
    const url = httpsUrl(`documents[${index}].url`, input.url);
    if (isProblem(url)) return url;
    documents.push({ id: newId(), consultationId: id, position: index, title, url });
  }
  return documents;
}

export async function createConsultation(
  input: CreateConsultationInput,
  ctx: CommandContext,
): Promise<{ consultation: ConsultationRecord } | Problem> {
  const id = newId();
  const fields = {
    title: text("title", input.title, TITLE),
    summary: text("summary", input.summary, SUMMARY),
    body: text("body", input.body ?? "", BODY),
  };
  const problem = firstProblem(Object.values(fields));
  if (problem) return problem;
  // By default published from now, or from the start of participation if it began already.
  const publicationStartsAt =
    input.publicationStartsAt ?? new Date(Math.min(input.participationStartsAt.getTime(), ctx.now.getTime()));
  if (input.participationEndsAt <= input.participationStartsAt)
    return invalid("participationEndsAt", "La participation doit finir après avoir commencé.");
  if (input.participationEndsAt <= ctx.now)
    return invalid("participationEndsAt", "La fin de la participation est déjà passée.");
  if (publicationStartsAt > input.participationStartsAt)
    return invalid(
      "publicationStartsAt",
      "La publication doit commencer au plus tard avec la participation.",
    );
  if (input.publicationEndsAt && input.publicationEndsAt < input.participationEndsAt)
    return invalid(
      "publicationEndsAt",
      "La publication doit durer au moins jusqu'à la fin de la participation.",
    );
  const eligibility = eligibilityOf(input.eligibility);
  if (isProblem(eligibility)) return eligibility;
  const meetings = meetingsOf(id, input.meetings ?? []);
  if (isProblem(meetings)) return meetings;
  const documents = documentsOf(id, input.documents ?? []);
  if (isProblem(documents)) return documents;
  const questions = buildQuestionnaire(input.questionnaire ?? [], id);
  if (isProblem(questions)) return questions;
  const consultation: ConsultationRecord = {
    id,
    projectId: input.projectId ?? null,
    kind: input.kind,
    title: fields.title as string,
    summary: fields.summary as string,
    body: fields.body as string,
    publicationStartsAt,
    publicationEndsAt: input.publicationEndsAt ?? null,
    participationStartsAt: input.participationStartsAt,
    participationEndsAt: input.participationEndsAt,
    closedAt: null,
    eligibility,
    resultsPublishedAt: null,
    synthesis: null,
    cityAnswer: null,
    commentsOpen: true,
    createdByAccountId: ctx.caller.accountId,
    createdAt: ctx.now,
  };
  const opensNow = consultation.participationStartsAt <= ctx.now;
  return ctx.store.transaction(async (tx) => {
    if (consultation.projectId && !(await tx.lockProject(consultation.projectId))) return projectNotFound();
    await tx.insertConsultation(consultation, opensNow ? ctx.now : null);
    await tx.insertMeetings(meetings);
    await tx.insertDocuments(documents);
    await tx.insertQuestions(questions);
    if (opensNow) await tx.recordEvents([consultationOpened(consultation)]);
    return { consultation };
  });
}
