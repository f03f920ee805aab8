import { describe, expect, expectTypeOf, it } from "vitest";
import { ANONYMOUS, type Caller } from "./caller.ts";
import { type EligibilityRules, type IneligibilityReason, ineligibilityReasons } from "./eligibility.ts";

const resident: Caller = {
  ...ANONYMOUS,
  kind: "citizen",
  accountId: "01900000-0000-7000-8000-0000000000a1",
  roles: ["citizen"],
  verificationLevel: "resident_verified",
  claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus" },
};
const withBand = (ageBand: Caller["claims"]["ageBand"]) => ({
  ...resident,
  claims: { ...resident.claims, ageBand },
});
const open = { requireResident: false, requirePact: false, minimumAge: null };

describe("one eligibility rule", () => {
  it("accepts a person who meets every condition", () => {
    const strict = {
      minVerification: "resident_verified",
      requireResident: true,
      requirePact: true,
      minimumAge: 18,
      quartiers: ["neudorf"],
    } as const;
    expect(ineligibilityReasons({ ...resident, quartier: "neudorf" }, strict)).toEqual([]);
  });

  it("refuses whoever is not a person, and says nothing else", () => {
    const strict = { requireResident: true, requirePact: true, minimumAge: 16 };
    expect(ineligibilityReasons(ANONYMOUS, strict)).toEqual(["not_a_person"]);
    expect(ineligibilityReasons({ ...resident, kind: "partner", accountId: null }, strict)).toEqual([
      "not_a_person",
    ]);
    expect(ineligibilityReasons({ ...resident, kind: "system" }, open)).toEqual(["not_a_person"]);
  });

  it("gives every unmet condition, in one order", () => {
    const rules = {
      minVerification: "resident_verified",
      requireResident: true,
      requirePact: true,
      minimumAge: 16,
      quartiers: ["neudorf"],
    } as const;
    const visitor = {
      ...resident,
      verificationLevel: "email_verified" as const,
      claims: { eurometropoleResident: false, participationPactSigned: false, ageBand: null },
    };
    expect(ineligibilityReasons(visitor, rules)).toEqual([
      "verification_too_low",
      "not_resident",
      "pact_not_signed",
      "age_unknown",
      "quartier_unknown",
    ]);
  });

  it("counts a band old enough only when all of it is", () => {
    const at16 = { ...open, minimumAge: 16 };
    const at18 = { ...open, minimumAge: 18 };
    expect(ineligibilityReasons(withBand("under_16"), at16)).toEqual(["too_young"]);
    expect(ineligibilityReasons(withBand("16_17"), at16)).toEqual([]);
    expect(ineligibilityReasons(withBand("16_17"), at18)).toEqual(["too_young"]);
    expect(ineligibilityReasons(withBand("18_plus"), at18)).toEqual([]);
    expect(ineligibilityReasons(withBand("16_17"), { ...open, minimumAge: 17 })).toEqual(["too_young"]);
    expect(ineligibilityReasons(withBand("under_16"), open)).toEqual([]);
    expect(ineligibilityReasons(withBand(null), open)).toEqual([]);
  });

  it("orders verification levels", () => {
    const email = { ...open, minVerification: "email_verified" } as const;
    expect(ineligibilityReasons({ ...resident, verificationLevel: "email_verified" }, email)).toEqual([]);
    expect(ineligibilityReasons({ ...resident, verificationLevel: "unverified" }, email)).toEqual([
      "verification_too_low",
    ]);
    expect(ineligibilityReasons({ ...resident, verificationLevel: "unverified" }, open)).toEqual([]);
  });

  it("restricts to quartiers only when the use names some", () => {
    const quartiers = { ...open, quartiers: ["neudorf", "krutenau"] };
    expect(ineligibilityReasons({ ...resident, quartier: "krutenau" }, quartiers)).toEqual([]);
    expect(ineligibilityReasons({ ...resident, quartier: "robertsau" }, quartiers)).toEqual([
      "outside_quartiers",
    ]);
    expect(ineligibilityReasons(resident, quartiers)).toEqual(["quartier_unknown"]);
    expect(
      ineligibilityReasons({ ...resident, quartier: "robertsau" }, { ...open, quartiers: null }),
    ).toEqual([]);
  });

  it("types the reasons a use can give", () => {
    expectTypeOf(ineligibilityReasons(resident, open)).toEqualTypeOf<
      ("not_a_person" | "not_resident" | "pact_not_signed" | "too_young" | "age_unknown")[]
    >();
    const general: EligibilityRules = open;
    expectTypeOf(ineligibilityReasons(resident, general)).toEqualTypeOf<IneligibilityReason[]>();
  });
});
