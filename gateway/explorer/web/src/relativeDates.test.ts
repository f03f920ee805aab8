import { describe, expect, it } from "vitest";
import { resolveRelativeDates } from "./relativeDates.ts";

describe("relative dates in saved variables", () => {
  const now = new Date("2026-11-28T12:00:00.000Z");

  it("resolves {{now}} and offsets in days, hours and minutes, at any depth", () => {
    expect(
      resolveRelativeDates(
        {
          since: "{{now-30d}}",
          until: "{{now}}",
          nested: { list: ["{{now+2h}}", "{{now-15m}}"] },
          first: 10,
        },
        now,
      ),
    ).toEqual({
      since: "2026-10-29T12:00:00.000Z",
      until: "2026-11-28T12:00:00.000Z",
      nested: { list: ["2026-11-28T14:00:00.000Z", "2026-11-28T11:45:00.000Z"] },
      first: 10,
    });
  });

  it("leaves every other string alone", () => {
    expect(resolveRelativeDates({ a: "now-30d", b: "{{now-30y}}", c: "x {{now}}", d: null }, now)).toEqual({
      a: "now-30d",
      b: "{{now-30y}}",
      c: "x {{now}}",
      d: null,
    });
  });
});
