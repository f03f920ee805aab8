// Conditional downloads of open data (RFC 9110 § 13) and the versions they validate against.
import { describe, expect, it } from "vitest";
import { notModified } from "./conditional.ts";
import { DatasetVersions } from "./datasetVersions.ts";

describe("open-data versions and conditional requests", () => {
  it("gives two versions seen within one second different Last-Modified seconds", () => {
    let now = Date.parse("2026-12-03T23:00:00.200Z");
    const versions = new DatasetVersions(() => new Date(now));
    const first = versions.observe("parvis_petitions", [{ count: 152 }]);
    now += 500;
    const second = versions.observe("parvis_petitions", [{ count: 153 }]);
    expect(second.since.getTime()).toBeGreaterThan(first.since.getTime());
    // A client holding the first copy, validating by date alone, gets the new one.
    const headers = { "if-modified-since": first.since.toUTCString() };
    expect(notModified(headers, '"x"', second.since, new Date(now + 5000))).toBe(false);
    // The same rows again: the same version.
    expect(versions.observe("parvis_petitions", [{ count: 153 }])).toBe(second);
    expect(
      notModified(
        { "if-modified-since": second.since.toUTCString() },
        '"x"',
        second.since,
        new Date(now + 5000),
      ),
    ).toBe(true);
  });

  it("ignores an If-Modified-Since in the future", () => {
    const now = new Date("2026-12-03T23:00:00Z");
    const future = { "if-modified-since": new Date("2027-01-01T00:00:00Z").toUTCString() };
    expect(notModified(future, '"x"', new Date("2026-12-01T00:00:00Z"), now)).toBe(false);
  });
});
