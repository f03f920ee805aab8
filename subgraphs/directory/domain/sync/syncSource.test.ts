// The synchronisation runner against in-memory fakes: incremental writes, deletion detection and its guard,
// malformed records, and upstream failures that change nothing.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../../platform/logger.ts";
import type { SourceEntry } from "../../ports/placeStore.ts";
import type { SyncRunRecord, SyncStore } from "../../ports/syncStore.ts";
import { contentHash, MalformedRecord } from "./strasbourgEuRecords.ts";
import { syncSource } from "./syncSource.ts";

const log = createLogger({ level: "silent" });

function memorySyncStore(): SyncStore & { runs: SyncRunRecord[] } {
  const runs: SyncRunRecord[] = [];
  return {
    runs,
    async start(source, at) {
      const id = `run-${runs.length}`;
      runs.push({
        id,
        source,
        startedAt: at,
        finishedAt: null,
        status: "running",
        fetched: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        malformed: 0,
        rejections: null,
        error: null,
      });
      return id;
    },
    async finish(id, outcome, at) {
      const run = runs.find((candidate) => candidate.id === id) as SyncRunRecord;
      Object.assign(run, outcome.counts, {
        status: outcome.status,
        rejections: outcome.rejections,
        error: outcome.error,
        finishedAt: at,
      });
      return run;
    },
    recent: async () => runs,
    freshness: async () => [],
  };
}

function memoryTarget() {
  const rows = new Map<string, SourceEntry & { content: unknown }>();
  return {
    rows,
    sourceIndex: async () => [...rows.values()],
    upsert: async (sourceId: string, content: unknown, hash: string) => {
      const existing = rows.get(sourceId);
      rows.set(sourceId, { id: sourceId, sourceId, contentHash: hash, deleted: false, content });
      return existing ? ("updated" as const) : ("created" as const);
    },
    touch: async () => {},
    markDeleted: async (ids: readonly string[]) => {
      for (const id of ids) {
        const row = rows.get(id);
        if (row) row.deleted = true;
      }
      return ids.length;
    },
  };
}

const parse = (raw: unknown) => {
  const record = raw as { id?: string; name?: string };
  if (!record.id) throw new MalformedRecord(null, "id : absent");
  if (!record.name) throw new MalformedRecord(record.id, "name : absent");
  return { sourceId: record.id, content: { name: record.name }, hash: contentHash({ name: record.name }) };
};

const listing = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: String(i), name: `Lieu ${i}` }));

describe("syncSource", () => {
  const run = (fetchListing: () => Promise<unknown>, target = memoryTarget(), store = memorySyncStore()) =>
    syncSource({ source: "test", fetchListing, parse, target, store, log, maxDeleteRatio: 0.5 });

  it("creates, then recognises unchanged records, then updates and deletes", async () => {
    const target = memoryTarget();
    const first = await run(async () => listing(10), target);
    expect(first).toMatchObject({ status: "succeeded", fetched: 10, created: 10, unchanged: 0 });
    const second = await run(async () => listing(10), target);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 10, deleted: 0 });
    const changed = listing(10).slice(0, 9);
    (changed[0] as { name: string }).name = "Renommé";
    const third = await run(async () => changed, target);
    expect(third).toMatchObject({ updated: 1, unchanged: 8, deleted: 1 });
    expect(target.rows.get("9")?.deleted).toBe(true);
    // Back upstream: the record is restored.
    const fourth = await run(async () => listing(10), target);
    expect(fourth).toMatchObject({ updated: 2, deleted: 0 });
    expect(target.rows.get("9")?.deleted).toBe(false);
  });

  it("counts, keeps and skips malformed records; a record malformed this time is not deleted", async () => {
    const target = memoryTarget();
    await run(async () => listing(4), target);
    const broken = [...listing(3), { id: "3" }, { name: "sans id" }, "garbage", { id: "0", name: "doublon" }];
    const result = await run(async () => broken, target);
    expect(result).toMatchObject({ status: "succeeded", fetched: 7, malformed: 4, unchanged: 3, deleted: 0 });
    expect(result.rejections?.map((rejection) => rejection.reason)).toEqual([
      "name : absent",
      "id : absent",
      "id : absent",
      "identifiant en double dans la liste",
    ]);
    expect(target.rows.get("3")?.deleted).toBe(false);
  });

  it("holds deletions back when too much of the listing is missing", async () => {
    const target = memoryTarget();
    await run(async () => listing(10), target);
    const result = await run(async () => [], target);
    expect(result).toMatchObject({ status: "partial", deleted: 0 });
    expect(result.error).toMatch(/suppressions suspendues/);
    expect([...target.rows.values()].every((row) => !row.deleted)).toBe(true);
  });

  it("changes nothing when the upstream fails or answers something else than a list", async () => {
    const target = memoryTarget();
    await run(async () => listing(5), target);
    const failed = await run(async () => {
      throw Object.assign(new Error("down"), { upstream: "strasbourg-eu", kind: "timeout" });
    }, target);
    expect(failed).toMatchObject({ status: "failed", fetched: 0 });
    expect(failed.error).toBe("source indisponible (strasbourg-eu : timeout)");
    const odd = await run(async () => ({ exception: "boom" }), target);
    expect(odd.status).toBe("failed");
    expect([...target.rows.values()].filter((row) => !row.deleted)).toHaveLength(5);
  });
});
