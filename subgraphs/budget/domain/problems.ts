// Expected business outcomes. A command returns either its success or one problem, named by a domain kind; the
// resolvers know which GraphQL problem type (implementing `Problem`) each kind becomes. Messages are French.

export type ProblemKind =
  | "already_voted"
  | "ballot_ledger_mismatch"
  | "below_minimum_share"
  | "duplicate_projects"
  | "empty_ballot"
  | "idempotency_key_reused"
  | "ineligible_projects"
  | "invalid_amount"
  | "invalid_cost"
  | "invalid_envelopes"
  | "invalid_merge"
  | "invalid_phase_transition"
  | "invalid_progress"
  | "invalid_schedule"
  | "invalid_transition"
  | "location_outside_eurometropole"
  | "no_envelope_for_quartier"
  | "not_eligible"
  | "out_of_envelope"
  | "over_budget"
  | "over_project_cap"
  | "phase_date_not_reached"
  | "phase_precondition_failed"
  | "submission_closed"
  | "too_many_projects"
  | "unknown_milestone"
  | "unknown_projects"
  | "unknown_quartier"
  | "voting_closed"
  | "wrong_phase";

export interface Problem<Name extends ProblemKind = ProblemKind> {
  problem: Name;
  message: string;
  [detail: string]: unknown;
}

export function problem<Name extends ProblemKind>(
  name: Name,
  message: string,
  details: Record<string, unknown> = {},
): Problem<Name> {
  return { ...details, problem: name, message };
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && typeof (value as Problem).problem === "string";
}

/** Formats cents as euros for messages ("100 000 €"). */
export function euros(cents: number): string {
  const value = cents / 100;
  return `${value.toLocaleString("fr-FR", { maximumFractionDigits: 2 })} €`;
}
