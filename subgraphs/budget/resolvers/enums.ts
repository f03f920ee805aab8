// GraphQL enum values (upper case) ↔ stored values (lower case). Apollo maps them both ways with these resolvers.
import {
  BALLOT_SCOPES,
  BALLOT_STYLES,
  FOLLOW_UP_STATUSES,
  PHASES,
  PROJECT_STATUSES,
  REVIEW_DECISIONS,
} from "../domain/model.ts";

const upperCased = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<Uppercase<T>, T>;

export const enumResolvers = {
  BudgetPhase: upperCased(PHASES),
  BudgetProjectStatus: upperCased(PROJECT_STATUSES),
  BudgetBallotStyle: upperCased(BALLOT_STYLES),
  BudgetBallotScope: upperCased(BALLOT_SCOPES),
  BudgetReviewDecision: upperCased(REVIEW_DECISIONS),
  BudgetReviewKind: upperCased(["admissibility", "feasibility"] as const),
  BudgetFollowUpStatus: upperCased(FOLLOW_UP_STATUSES),
  BudgetResultReason: upperCased(["selected", "did_not_fit", "no_votes"] as const),
  BudgetIneligibilityReason: upperCased([
    "not_a_person",
    "not_resident",
    "pact_not_signed",
    "too_young",
    "age_unknown",
  ] as const),
};
