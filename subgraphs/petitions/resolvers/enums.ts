// GraphQL enum values (upper case) ↔ the domain's values (lower case), for arguments and results alike.
const upper = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<string, T>;

import type { IneligibilityReason } from "../domain/eligibility.ts";
import { DISPLAYED_STATUSES, PETITION_STATES, THEMES } from "../domain/model.ts";

export const enumResolvers = {
  PetitionState: upper(PETITION_STATES),
  DisplayedStatus: upper(DISPLAYED_STATUSES),
  PetitionTheme: upper(THEMES),
  MilestoneKind: upper(["meeting", "council"] as const),
  PetitionSort: upper(["newest", "most_signed", "ending_soonest"] as const),
  // NOT_A_RESIDENT, published before the eligibility rule was shared (budget's enum says NOT_RESIDENT), is kept.
  PetitionIneligibilityReason: {
    ...upper([
      "not_a_person",
      "verification_too_low",
      "pact_not_signed",
      "too_young",
      "age_unknown",
    ] as const),
    NOT_A_RESIDENT: "not_resident",
  } satisfies Record<string, IneligibilityReason>,
  TextProblem: upper(["empty", "too_short", "too_long"] as const),
};
