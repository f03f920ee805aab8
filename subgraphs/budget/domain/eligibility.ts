// Who may submit and vote: decided from the identity claims the gateway verified (residence in the
// Eurométropole, signed participation pact, age band), against the campaign's rules — configuration, not code.
import type { Caller } from "../../../platform/caller.ts";
import type { EligibilityRules } from "./model.ts";

export type IneligibilityReason =
  | "not_a_person"
  | "not_resident"
  | "pact_not_signed"
  | "too_young"
  | "age_unknown";

const MIN_AGE_OF_BAND = { under_16: 0, "16_17": 16, "18_plus": 18 } as const;

/** Every reason the caller is not eligible (empty when eligible). */
export function ineligibilityReasons(
  caller: Pick<Caller, "kind" | "accountId" | "claims">,
  rules: EligibilityRules,
): IneligibilityReason[] {
  if ((caller.kind !== "citizen" && caller.kind !== "staff") || !caller.accountId) return ["not_a_person"];
  const reasons: IneligibilityReason[] = [];
  if (rules.requireResident && !caller.claims.eurometropoleResident) reasons.push("not_resident");
  if (rules.requirePact && !caller.claims.participationPactSigned) reasons.push("pact_not_signed");
  if (rules.minimumAge !== null) {
    const band = caller.claims.ageBand;
    if (band === null) reasons.push("age_unknown");
    else if (MIN_AGE_OF_BAND[band] < rules.minimumAge) reasons.push("too_young");
  }
  return reasons;
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
