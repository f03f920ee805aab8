import { describe, expect, it } from "vitest";
import { publicDisplayName } from "./publicDisplayName.ts";

describe("publicDisplayName", () => {
  it.each([
    [{ givenName: "Camille", familyName: "Muller", email: null }, "Camille M."],
    [{ givenName: "Élodie", familyName: "éberhardt", email: null }, "Élodie É."],
    [{ givenName: "  Lucas ", familyName: "", email: null }, "Lucas"],
    [{ givenName: null, familyName: "Weber", email: null }, "W."],
    [{ givenName: null, familyName: null, email: "x@example.org" }, null],
  ])("%j → %s", (profile, expected) => {
    expect(publicDisplayName(profile)).toBe(expected);
  });
});
