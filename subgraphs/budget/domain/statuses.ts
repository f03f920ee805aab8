// The city's project statuses and which moves between them each staff action may make.
import type { FollowUpStatus, Phase, ProjectStatus, ReviewDecision, ReviewKind } from "./model.ts";

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  submitted: "Déposé",
  admissible: "Recevable",
  inadmissible: "Non recevable",
  under_study: "En cours d'étude de faisabilité",
  feasible: "Faisable",
  not_feasible: "Non faisable",
  selected: "Lauréat",
  not_selected: "Non retenu",
  in_progress: "En cours de réalisation",
  completed: "Réalisé",
  suspended: "Suspendu",
  cancelled: "Annulé",
  merged: "Fusionné",
};

/** Which review a decision belongs to, the status it applies to, and the phase it happens in. */
export const REVIEWS: Record<ReviewDecision, { kind: ReviewKind; from: ProjectStatus; phase: Phase }> = {
  admissible: { kind: "admissibility", from: "submitted", phase: "admissibility" },
  inadmissible: { kind: "admissibility", from: "submitted", phase: "admissibility" },
  feasible: { kind: "feasibility", from: "under_study", phase: "feasibility" },
  not_feasible: { kind: "feasibility", from: "under_study", phase: "feasibility" },
};

/** Statuses a project may be merged from or into: before the vote, and not already set aside. */
export const MERGEABLE: readonly ProjectStatus[] = ["submitted", "admissible", "under_study", "feasible"];
export const MERGE_PHASES: readonly Phase[] = ["submission", "admissibility", "feasibility"];

/** The follow-up of a winning project. */
const FOLLOW_UP_MOVES: Partial<Record<ProjectStatus, readonly FollowUpStatus[]>> = {
  selected: ["in_progress", "suspended", "cancelled"],
  in_progress: ["completed", "suspended", "cancelled"],
  suspended: ["in_progress", "cancelled"],
};

export function canFollowUp(status: ProjectStatus): boolean {
  return status in FOLLOW_UP_MOVES || status === "completed" || status === "cancelled";
}

export function followUpMoveAllowed(from: ProjectStatus, to: FollowUpStatus): boolean {
  return from === to || (FOLLOW_UP_MOVES[from]?.includes(to) ?? false);
}
