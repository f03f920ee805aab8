// GraphQL enum values (upper case) ↔ the domain's values (lower case), for arguments and results alike.
const upper = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<string, T>;

import { DISPLAYED_STATUSES, PETITION_STATES, THEMES } from "../domain/model.ts";

export const enumResolvers = {
  PetitionState: upper(PETITION_STATES),
  DisplayedStatus: upper(DISPLAYED_STATUSES),
  PetitionTheme: upper(THEMES),
  MilestoneKind: upper(["meeting", "council"] as const),
  PetitionSort: upper(["newest", "most_signed", "ending_soonest"] as const),
  PetitionIneligibilityReason: upper([
    "not_a_person",
    "verification_too_low",
    "not_a_resident",
    "pact_not_signed",
    "too_young",
    "age_unknown",
  ] as const),
  TextProblem: upper(["empty", "too_short", "too_long"] as const),
};
