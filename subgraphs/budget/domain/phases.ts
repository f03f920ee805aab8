// Phase transitions: explicit staff actions, one step forward at a time, each allowed only once its date has come
// and its preconditions hold. Pure: the caller provides the clock and the counts of projects by status.
import type { Campaign, Phase, ProjectStatus } from "./model.ts";
import { PHASES } from "./model.ts";
import { type Problem, problem } from "./problems.ts";

export type StatusCounts = Partial<Record<ProjectStatus, number>>;

export function nextPhase(phase: Phase): Phase | null {
  const index = PHASES.indexOf(phase);
  return PHASES[index + 1] ?? null;
}

const LABELS: Record<Phase, string> = {
  submission: "dépôt des projets",
  admissibility: "examen de recevabilité",
  feasibility: "étude de faisabilité",
  voting: "vote",
  results: "résultats",
  implementation: "réalisation",
};

export function phaseLabel(phase: Phase): string {
  return LABELS[phase];
}

/** « de dépôt », « d'examen », « d'étude » : the phase after « phase », elided before a vowel. */
export function ofPhase(phase: Phase): string {
  const label = LABELS[phase];
  return /^[aeiouyéèêâîôû]/i.test(label) ? `d'${label}` : `de ${label}`;
}

const count = (counts: StatusCounts, status: ProjectStatus) => counts[status] ?? 0;

/** Why the campaign cannot enter `to` now, or null when it can. */
export function checkAdvance(
  campaign: Pick<Campaign, "phase" | "submissionEndsAt" | "votingStartsAt" | "votingEndsAt">,
  to: Phase,
  now: Date,
  counts: StatusCounts,
): Problem | null {
  const expected = nextPhase(campaign.phase);
  if (to !== expected) {
    return problem(
      "invalid_phase_transition",
      expected
        ? `La campagne est en phase ${ofPhase(campaign.phase)} : la phase suivante est celle ${ofPhase(expected)}.`
        : "La campagne est dans sa dernière phase.",
      { currentPhase: campaign.phase },
    );
  }
  const notBefore = (date: Date, what: string) =>
    now < date
      ? problem("phase_date_not_reached", `${what} n'est possible qu'à partir du ${date.toISOString()}.`, {
          notBefore: date,
        })
      : null;
  const precondition = (holds: boolean, message: string) =>
    holds ? null : problem("phase_precondition_failed", message);

  switch (to) {
    case "admissibility":
      return (
        notBefore(campaign.submissionEndsAt, "Clore le dépôt des projets") ??
        precondition(count(counts, "submitted") > 0, "Aucun projet n'a été déposé.")
      );
    case "feasibility":
      return (
        precondition(
          count(counts, "submitted") === 0,
          `${count(counts, "submitted")} projet(s) attendent encore l'examen de recevabilité.`,
        ) ?? precondition(count(counts, "admissible") > 0, "Aucun projet n'a été jugé recevable.")
      );
    case "voting":
      return (
        precondition(
          count(counts, "under_study") === 0,
          `${count(counts, "under_study")} projet(s) attendent encore l'étude de faisabilité.`,
        ) ??
        precondition(count(counts, "feasible") > 0, "Aucun projet n'a été jugé faisable.") ??
        notBefore(campaign.votingStartsAt, "Ouvrir le vote") ??
        precondition(now < campaign.votingEndsAt, "La période de vote prévue est déjà passée.")
      );
    case "results":
      return notBefore(campaign.votingEndsAt, "Clore le vote");
    case "implementation":
      return null;
    default:
      return problem("invalid_phase_transition", "Phase inconnue.", { currentPhase: campaign.phase });
  }
}

/** Whether the campaign accepts project submissions at `now`. */
export function submissionOpen(
  campaign: Pick<Campaign, "phase" | "submissionStartsAt" | "submissionEndsAt">,
  now: Date,
) {
  return (
    campaign.phase === "submission" && now >= campaign.submissionStartsAt && now < campaign.submissionEndsAt
  );
}

/** Whether the campaign accepts ballots at `now`. */
export function votingOpen(campaign: Pick<Campaign, "phase" | "votingStartsAt" | "votingEndsAt">, now: Date) {
  return campaign.phase === "voting" && now >= campaign.votingStartsAt && now < campaign.votingEndsAt;
}
