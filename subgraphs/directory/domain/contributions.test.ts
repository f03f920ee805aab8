import { describe, expect, it } from "vitest";
import type { OrganizationRecord, RevisionRecord } from "../ports/organizationStore.ts";
import { conflictingFields, effectiveChanges, type InvalidField, normalizeChanges } from "./contributions.ts";

describe("contributions", () => {
  it("trims values, clears empty ones, leaves absent ones out", () => {
    expect(
      normalizeChanges({ website: "  https://example.org ", phone: "", description: undefined }),
    ).toEqual({
      website: "https://example.org",
      phone: null,
    });
  });

  it("refuses a missing name, a bad address, a bad website and too long a text", () => {
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as InvalidField).field;
      }
      return null;
    };
    expect(field(() => normalizeChanges({ name: " " }))).toBe("name");
    expect(field(() => normalizeChanges({ email: "not-an-address" }))).toBe("email");
    expect(field(() => normalizeChanges({ website: "javascript:alert(1)" }))).toBe("website");
    expect(field(() => normalizeChanges({ description: "x".repeat(5001) }))).toBe("description");
  });

  it("keeps only what changes, and finds fields changed since a proposal", () => {
    const current = {
      name: "CSC",
      website: "https://a.example",
      email: null,
    } as unknown as OrganizationRecord;
    expect(effectiveChanges(current, { name: "CSC", website: "https://b.example", email: null })).toEqual({
      website: "https://b.example",
    });
    const later = [{ changes: { description: { from: "a", to: "b" } } }] as unknown as RevisionRecord[];
    expect(conflictingFields({ description: "c", website: "https://b.example" }, later)).toEqual([
      "description",
    ]);
    expect(conflictingFields({ website: "https://b.example" }, later)).toEqual([]);
  });
});
