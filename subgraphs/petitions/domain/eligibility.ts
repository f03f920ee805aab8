// Who may sign (and author) a petition, from the verified caller's claims and the configured rules.
import type { Caller, VerificationLevel } from "../../../platform/caller.ts";
import type { PetitionRules } from "./rules.ts";

export type IneligibilityReason =
  | "not_a_person"
  | "verification_too_low"
  | "not_a_resident"
  | "pact_not_signed"
  | "too_young"
  | "age_unknown";

const LEVEL_ORDER: readonly VerificationLevel[] = [
  "none",
  "unverified",
  "email_verified",
  "resident_verified",
];

/** Every unmet condition (empty when the caller may sign). */
export function ineligibilityOf(caller: Caller, rules: PetitionRules): IneligibilityReason[] {
  if ((caller.kind !== "citizen" && caller.kind !== "staff") || !caller.accountId) return ["not_a_person"];
  const reasons: IneligibilityReason[] = [];
  const { minVerification, requireResident, requirePact, minAge } = rules.eligibility;
  if (LEVEL_ORDER.indexOf(caller.verificationLevel) < LEVEL_ORDER.indexOf(minVerification)) {
    reasons.push("verification_too_low");
  }
  if (requireResident && !caller.claims.eurometropoleResident) reasons.push("not_a_resident");
  if (requirePact && !caller.claims.participationPactSigned) reasons.push("pact_not_signed");
  if (minAge !== null) {
    const band = caller.claims.ageBand;
    if (band === null) reasons.push("age_unknown");
    else if (band === "under_16" || (minAge === 18 && band === "16_17")) reasons.push("too_young");
  }
  return reasons;
}

const EXPLANATIONS: Record<IneligibilityReason, string> = {
  not_a_person: "il faut être connecté avec un compte personnel",
  verification_too_low: "le compte n'est pas suffisamment vérifié",
  not_a_resident: "il faut habiter l'Eurométropole",
  pact_not_signed: "il faut avoir signé le pacte de participation",
  too_young: "l'âge minimum n'est pas atteint",
  age_unknown: "l'âge n'est pas connu",
};

export function explainIneligibility(reasons: readonly IneligibilityReason[]): string {
  return `Vous ne remplissez pas les conditions : ${reasons.map((reason) => EXPLANATIONS[reason]).join(", ")}.`;
}
