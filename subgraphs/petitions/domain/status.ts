// Lifecycle rules: who sees a petition, when it can be signed, which milestones a count reaches, and the status
// the city displays (derived from the quota and the dates, next to the lifecycle state). The SQL filter on the
// displayed status (adapters/petitionQueries.ts) mirrors `displayedStatusOf` case for case; a test checks both.
import type { Caller } from "../../../platform/caller.ts";
import type { DisplayedStatus, MilestoneKind, PetitionRecord, PetitionState } from "./model.ts";
import { DAY_MS, type PetitionRules } from "./rules.ts";

type Dated = Pick<
  PetitionRecord,
  "state" | "publishedAt" | "signingStartsAt" | "signingEndsAt" | "signatureCount"
>;

/** States everyone may see; a petition withdrawn after publication stays public, a withdrawn draft does not. */
export function isPublic(petition: Pick<PetitionRecord, "state" | "publishedAt">): boolean {
  if (petition.state === "withdrawn") return petition.publishedAt !== null;
  return petition.state === "published" || petition.state === "answered" || petition.state === "closed";
}

/** Authors, invited co-authors and staff see a petition at every step; others see public petitions only. */
export function canView(
  petition: Pick<PetitionRecord, "state" | "publishedAt" | "authorAccountId">,
  caller: Caller,
  coAuthorIds: readonly string[],
): boolean {
  if (isPublic(petition) || caller.kind === "staff" || caller.kind === "system") return true;
  const me = caller.accountId;
  return me !== null && (petition.authorAccountId === me || coAuthorIds.includes(me));
}

export function isSigningOpen(petition: Dated, now: Date): boolean {
  return (
    petition.state === "published" &&
    petition.signingStartsAt !== null &&
    petition.signingEndsAt !== null &&
    petition.signingStartsAt <= now &&
    now < petition.signingEndsAt
  );
}

/** The city's quota is the council threshold (about 1 % of the population). */
export function quotaOf(rules: PetitionRules): number {
  return rules.councilThreshold;
}

export function displayedStatusOf(petition: Dated, rules: PetitionRules, now: Date): DisplayedStatus | null {
  const opened =
    petition.signingStartsAt !== null &&
    petition.signingEndsAt !== null &&
    (petition.state === "published" ||
      petition.state === "answered" ||
      petition.state === "closed" ||
      (petition.state === "withdrawn" && petition.publishedAt !== null));
  if (!opened) return null;
  const starts = petition.signingStartsAt as Date;
  const ends = petition.signingEndsAt as Date;
  if (petition.state === "published" && now < starts) return "soon_arrived";
  if (petition.signatureCount >= quotaOf(rules)) return "completed";
  if (petition.state !== "published" || now >= ends) return "failed";
  if (now.getTime() < starts.getTime() + rules.newDays * DAY_MS) return "new";
  if (ends.getTime() - now.getTime() <= rules.soonFinishedDays * DAY_MS) return "soon_finished";
  return "in_progress";
}

export function thresholdOf(kind: MilestoneKind, rules: PetitionRules): number {
  return kind === "meeting" ? rules.meetingThreshold : rules.councilThreshold;
}

/** Milestones a count moving from `before` to `after` crosses upward (a withdrawal never un-reaches one). */
export function milestonesCrossed(before: number, after: number, rules: PetitionRules): MilestoneKind[] {
  return (["meeting", "council"] as const).filter((kind) => {
    const threshold = thresholdOf(kind, rules);
    return before < threshold && after >= threshold;
  });
}

/** Lifecycle transitions, by whom they are made. */
const TRANSITIONS: Record<PetitionState, readonly PetitionState[]> = {
  draft: ["submitted", "withdrawn"],
  submitted: ["in_moderation", "published", "rejected", "withdrawn"],
  in_moderation: ["published", "rejected", "withdrawn"],
  published: ["answered", "closed", "withdrawn"],
  answered: [],
  closed: [],
  rejected: [],
  withdrawn: [],
};

export function canTransition(from: PetitionState, to: PetitionState): boolean {
  return TRANSITIONS[from].includes(to);
}
