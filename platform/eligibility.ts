// Who may take part (sign a petition, submit a budget project, vote, answer a consultation): one rule for every
// participatory subgraph, decided from the identity claims the gateway verified against rules each use
// configures (verification level, residence, participation pact, minimum age, quartiers). Pure: the caller's
// quartier, which no claim carries, is supplied by the subgraph that knows it. Each subgraph keeps its own
// wording and its public enum of reasons (see docs/design-notes.md).
import type { Caller, VerificationLevel } from "./caller.ts";

export interface EligibilityRules {
  /** Lowest verification level accepted; absent: any verified or unverified personal account. */
  minVerification?: VerificationLevel;
  requireResident: boolean;
  requirePact: boolean;
  /** Minimum age in years (16 or 18 in practice); null when no minimum applies. */
  minimumAge: number | null;
  /** Quartiers whose residents may take part; absent or null: the whole Eurométropole. */
  quartiers?: readonly string[] | null;
}

/** What the rule reads of a person: the verified caller, plus the quartier when the rules restrict quartiers. */
export type Participant = Pick<Caller, "kind" | "accountId" | "verificationLevel" | "claims"> & {
  quartier?: string | null;
};

type CommonReason = "not_a_person" | "not_resident" | "pact_not_signed" | "too_young" | "age_unknown";
type VerificationReason = "verification_too_low";
type QuartierReason = "outside_quartiers" | "quartier_unknown";

/** Every reason a rule can give. */
export type IneligibilityReason = CommonReason | VerificationReason | QuartierReason;

/**
 * The reasons rules of type R can give: rules that set no verification level or quartiers never give theirs.
 * (`requireResident` in the tests keeps them from being weak types, to which an object naming neither property
 * would not be assignable.)
 */
export type IneligibilityReasonOf<R extends EligibilityRules> =
  | CommonReason
  | (R extends { requireResident: boolean; minVerification?: undefined } ? never : VerificationReason)
  | (R extends { requireResident: boolean; quartiers?: null } ? never : QuartierReason);

const LEVEL_ORDER: readonly VerificationLevel[] = [
  "none",
  "unverified",
  "email_verified",
  "resident_verified",
];

/** The youngest age in each band the identity provider reports: a band is old enough when all of it is. */
const YOUNGEST_OF_BAND = { under_16: 0, "16_17": 16, "18_plus": 18 } as const;

/** Every reason the person may not take part, in a stable order (empty when they may). */
export function ineligibilityReasons<R extends EligibilityRules>(
  person: Participant,
  rules: R,
): IneligibilityReasonOf<R>[] {
  if ((person.kind !== "citizen" && person.kind !== "staff") || !person.accountId) return ["not_a_person"];
  const reasons: IneligibilityReason[] = [];
  if (
    rules.minVerification !== undefined &&
    LEVEL_ORDER.indexOf(person.verificationLevel) < LEVEL_ORDER.indexOf(rules.minVerification)
  ) {
    reasons.push("verification_too_low");
  }
  if (rules.requireResident && !person.claims.eurometropoleResident) reasons.push("not_resident");
  if (rules.requirePact && !person.claims.participationPactSigned) reasons.push("pact_not_signed");
  if (rules.minimumAge !== null) {
    const band = person.claims.ageBand;
    if (band === null) reasons.push("age_unknown");
    else if (YOUNGEST_OF_BAND[band] < rules.minimumAge) reasons.push("too_young");
  }
  if (rules.quartiers) {
    const quartier = person.quartier ?? null;
    if (quartier === null) reasons.push("quartier_unknown");
    else if (!rules.quartiers.includes(quartier)) reasons.push("outside_quartiers");
  }
  return reasons as IneligibilityReasonOf<R>[];
}
