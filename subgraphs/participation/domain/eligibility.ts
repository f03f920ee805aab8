// Who may answer a consultation: the same criteria as petitions and the participatory budget (a person's account,
// residence in the Eurométropole, the participation pact, an age band from the verified claims), set per
// consultation, plus the quartiers of residence it admits. Pure, and shaped as one rule (caller + rule → reasons)
// so that the platform's shared eligibility rule (issue 19) can replace the claim checks without touching callers.
import type { Caller } from "../../../platform/caller.ts";
import type { Eligibility } from "./model.ts";

export type IneligibilityReason =
  | "not_a_person"
  | "not_resident"
  | "pact_not_signed"
  | "too_young"
  | "age_unknown"
  | "quartier_required"
  | "quartier_not_admitted";

export const INELIGIBILITY_REASONS: readonly IneligibilityReason[] = [
  "not_a_person",
  "not_resident",
  "pact_not_signed",
  "too_young",
  "age_unknown",
  "quartier_required",
  "quartier_not_admitted",
];

const MIN_AGE_OF_BAND = { under_16: 0, "16_17": 16, "18_plus": 18 } as const;

/**
 * Every reason the caller may not answer (empty when eligible). The quartier of residence is the one the person
 * declares with the response (MonStrasbourg.eu's claims carry none); it is stored with it.
 */
export function ineligibilityReasons(
  caller: Pick<Caller, "kind" | "accountId" | "claims">,
  rule: Eligibility,
  declaredQuartierId: string | null,
): IneligibilityReason[] {
  if ((caller.kind !== "citizen" && caller.kind !== "staff") || !caller.accountId) return ["not_a_person"];
  const reasons: IneligibilityReason[] = [];
  if (rule.requireResident && !caller.claims.eurometropoleResident) reasons.push("not_resident");
  if (rule.requirePact && !caller.claims.participationPactSigned) reasons.push("pact_not_signed");
  if (rule.minimumAge !== null) {
    const band = caller.claims.ageBand;
    if (band === null) reasons.push("age_unknown");
    else if (MIN_AGE_OF_BAND[band] < rule.minimumAge) reasons.push("too_young");
  }
  if (rule.quartierIds.length > 0) {
    if (!declaredQuartierId) reasons.push("quartier_required");
    else if (!rule.quartierIds.includes(declaredQuartierId)) reasons.push("quartier_not_admitted");
  }
  return reasons;
}

const MESSAGES: Record<IneligibilityReason, string> = {
  not_a_person: "seul un compte personnel peut répondre",
  not_resident: "il faut habiter l'Eurométropole",
  pact_not_signed: "il faut avoir signé le pacte de participation",
  too_young: "l'âge minimum n'est pas atteint",
  age_unknown: "l'âge n'est pas connu de MonStrasbourg.eu",
  quartier_required: "indiquez votre quartier d'habitation",
  quartier_not_admitted: "cette consultation s'adresse aux habitants d'autres quartiers",
};

export function ineligibilityMessage(reasons: readonly IneligibilityReason[]): string {
  return `Participation impossible : ${reasons.map((reason) => MESSAGES[reason]).join(", ")}.`;
}
