// The benchmark suite in miniature (seconds, tiny counts): it must still start every server, run every section and
// write both reports. It asserts that the report is complete and that the exact-count checks hold — never a time.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSuite } from "../../bench/run.ts";

describe("npm run bench (smoke)", () => {
  it("writes report.md and report.json with every section", { timeout: 600_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), "parvis-bench-"));
    const report = await runSuite({
      duration: 1,
      connections: 5,
      legacyRequests: 3,
      signers: 5,
      ballots: 5,
      rounds: 1,
      outDir,
      log: () => {},
    });
    const markdown = readFileSync(join(outDir, "report.md"), "utf8");
    for (const section of ["## (a)", "## (b)", "## (c)", "## (d)", "## (e)", "## (f)"])
      expect(markdown).toContain(section);
    const saved = JSON.parse(readFileSync(join(outDir, "report.json"), "utf8"));
    expect(Object.keys(saved)).toEqual(expect.arrayContaining(["a", "b", "c", "d", "e", "f", "machine"]));
    // Correctness, not speed: every gateway answers the heavy query alike, statements stay constant, counts exact.
    expect(report.b.sameAnswer).toBe(true);
    expect(report.b.repeated.sameAnswer).toBe(true);
    expect(report.c.sizes.map((s) => s.size)).toEqual([1, 10, 50, 100]);
    expect(report.c.constant).toBe(true);
    expect(report.e.petitionsOk).toBe(true);
    expect(report.e.ballotsOk).toBe(true);
    expect(report.e.consultationsOk).toBe(true);
    // The second engine answers the heavy query as Apollo does, and every load it served succeeded.
    expect(report.f.sameAnswer).toBe(true);
    expect(report.f.throughput.hive.failures).toBe(0);
    expect(report.f.merging.hiveMerging.failures).toBe(0);
  });
});
