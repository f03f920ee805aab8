// Who may submit and vote: the platform's one eligibility rule (platform/eligibility.ts) applied to the
// campaign's rules — configuration, not code. The wording of the problem is the budget's own.

import type { Caller } from "../../../platform/caller.ts";
import { ineligibilityReasons as reasonsOf } from "../../../platform/eligibility.ts";
import type { EligibilityRules } from "./model.ts";

export type IneligibilityReason =
  | "not_a_person"
  | "not_resident"
  | "pact_not_signed"
  | "too_young"
  | "age_unknown";

/** Every reason the caller is not eligible (empty when eligible). */
export function ineligibilityReasons(
  caller: Pick<Caller, "kind" | "accountId" | "verificationLevel" | "claims">,
  rules: EligibilityRules,
): IneligibilityReason[] {
  return reasonsOf(caller, {
    requireResident: rules.requireResident,
    requirePact: rules.requirePact,
    minimumAge: rules.minimumAge,
  });
}

const MESSAGES: Record<IneligibilityReason, string> = {
  not_a_person: "seul un compte personnel peut participer",
  not_resident: "il faut habiter l'Eurométropole",
  pact_not_signed: "il faut avoir signé le pacte de participation",
  too_young: "l'âge minimum n'est pas atteint",
  age_unknown: "l'âge n'est pas connu de MonStrasbourg.eu",
};

export function ineligibilityMessage(reasons: readonly IneligibilityReason[]): string {
  return `Participation impossible : ${reasons.map((reason) => MESSAGES[reason]).join(", ")}.`;
}
