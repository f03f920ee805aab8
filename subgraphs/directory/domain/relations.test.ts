import { describe, expect, it } from "vitest";
import { InvalidInput } from "./invalidInput.ts";
import { checkDepth, isActiveOn, todayInStrasbourg } from "./relations.ts";

describe("relations", () => {
  it("bounds the depth of a walk", () => {
    expect(checkDepth(2, 3)).toBe(2);
    expect(() => checkDepth(0, 3)).toThrow(InvalidInput);
    expect(() => checkDepth(4, 3)).toThrow(/entre 1 et 3/);
    expect(() => checkDepth(1.5, 3)).toThrow(InvalidInput);
  });

  it("knows when a relation is in force (both ends included, open ends unbounded)", () => {
    const funding = { validFrom: "2023-01-01", validUntil: "2023-12-31" };
    expect(isActiveOn(funding, "2023-01-01")).toBe(true);
    expect(isActiveOn(funding, "2023-12-31")).toBe(true);
    expect(isActiveOn(funding, "2024-01-01")).toBe(false);
    expect(isActiveOn({ validFrom: null, validUntil: null }, "1999-01-01")).toBe(true);
  });

  it("dates days in Strasbourg, not in UTC", () => {
    // 23:30 UTC on 31 December is already 1 January in Strasbourg.
    expect(todayInStrasbourg(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});
