// Who may sign (and author) a petition: the platform's one eligibility rule (platform/eligibility.ts) applied to
// the configured petition rules. The wording of the problem is the petitions' own.
import type { Caller } from "../../../platform/caller.ts";
import { ineligibilityReasons } from "../../../platform/eligibility.ts";
import type { PetitionRules } from "./rules.ts";

export type IneligibilityReason =
  | "not_a_person"
  | "verification_too_low"
  | "not_resident"
  | "pact_not_signed"
  | "too_young"
  | "age_unknown";

/** Every unmet condition (empty when the caller may sign). */
export function ineligibilityOf(caller: Caller, rules: PetitionRules): IneligibilityReason[] {
  const { minVerification, requireResident, requirePact, minAge } = rules.eligibility;
  return ineligibilityReasons(caller, { minVerification, requireResident, requirePact, minimumAge: minAge });
}

const EXPLANATIONS: Record<IneligibilityReason, string> = {
  not_a_person: "il faut être connecté avec un compte personnel",
  verification_too_low: "le compte n'est pas suffisamment vérifié",
  not_resident: "il faut habiter l'Eurométropole",
  pact_not_signed: "il faut avoir signé le pacte de participation",
  too_young: "l'âge minimum n'est pas atteint",
  age_unknown: "l'âge n'est pas connu",
};

export function explainIneligibility(reasons: readonly IneligibilityReason[]): string {
  return `Vous ne remplissez pas les conditions : ${reasons.map((reason) => EXPLANATIONS[reason]).join(", ")}.`;
}
