import { describe, expect, it } from "vitest";
import { ANONYMOUS, type Caller } from "../../../platform/caller.ts";
import { ineligibilityMessage, ineligibilityReasons } from "./eligibility.ts";

const resident: Caller = {
  ...ANONYMOUS,
  kind: "citizen",
  accountId: "01900000-0000-7000-8000-0000000000a1",
  roles: ["citizen"],
  verificationLevel: "resident_verified",
  claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
};
const rules = { requireResident: true, requirePact: true, minimumAge: 16 };

describe("eligibility", () => {
  it("accepts a resident who signed the pact and is old enough", () => {
    expect(ineligibilityReasons(resident, rules)).toEqual([]);
    expect(
      ineligibilityReasons({ ...resident, claims: { ...resident.claims, ageBand: "16_17" } }, rules),
    ).toEqual([]);
  });

  it("gives every reason at once", () => {
    const visitor = {
      ...resident,
      claims: { eurometropoleResident: false, participationPactSigned: false, ageBand: null },
    };
    expect(ineligibilityReasons(visitor, rules)).toEqual(["not_resident", "pact_not_signed", "age_unknown"]);
    expect(ineligibilityMessage(["not_resident"])).toMatch(/habiter l'Eurométropole/);
  });

  it("applies the configured minimum age", () => {
    const teen = { ...resident, claims: { ...resident.claims, ageBand: "16_17" as const } };
    expect(ineligibilityReasons(teen, { ...rules, minimumAge: 18 })).toEqual(["too_young"]);
    const child = { ...resident, claims: { ...resident.claims, ageBand: "under_16" as const } };
    expect(ineligibilityReasons(child, rules)).toEqual(["too_young"]);
    expect(ineligibilityReasons(child, { ...rules, minimumAge: null })).toEqual([]);
  });

  it("lets a campaign waive residence and pact", () => {
    const visitor = {
      ...resident,
      claims: { eurometropoleResident: false, participationPactSigned: false, ageBand: "18_plus" as const },
    };
    expect(
      ineligibilityReasons(visitor, { requireResident: false, requirePact: false, minimumAge: null }),
    ).toEqual([]);
  });

  it("refuses partners, anonymous callers and the system", () => {
    expect(ineligibilityReasons(ANONYMOUS, rules)).toEqual(["not_a_person"]);
    expect(ineligibilityReasons({ ...resident, kind: "partner", accountId: null }, rules)).toEqual([
      "not_a_person",
    ]);
  });
});
