// The shared ledger's SQL storage (platform/ledger/store.ts) on the petitions schema, on PGlite and on
// PostgreSQL: appends inside Prisma transactions, gap-free sequence numbers under concurrency, nothing left
// behind by a rolled-back transaction, and heads and proofs that agree with a tree rebuilt from the entries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import {
  fromHex,
  leafHash,
  MemoryTree,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "../../platform/ledger/merkle.ts";
import {
  appendEntry,
  consistencyProof,
  inclusionProof,
  readEntries,
  readHead,
  readHeads,
  rootAt,
} from "../../platform/ledger/store.ts";

const SCHEMA = "petitions";
const TX = { maxWait: 60_000, timeout: 60_000 };

describe("ledger storage", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  const append = (logId: string, i: number) =>
    db.prisma.$transaction(
      (tx) =>
        appendEntry(tx, SCHEMA, logId, {
          kind: "test.added",
          token: `token-${String(i).padStart(12, "0")}`,
          delta: 1,
        }),
      TX,
    );

  async function rebuild(logId: string): Promise<MemoryTree> {
    const head = await readHead(db.prisma, SCHEMA, logId);
    const entries = await readEntries(db.prisma, SCHEMA, logId, 0, head.size);
    for (const stored of entries) expect(stored.leafHash).toBe(toHex(leafHash(stored.entry)));
    return new MemoryTree(entries.map((stored) => fromHex(stored.leafHash)));
  }

  it("answers an empty head for a log that has no entry", async () => {
    expect(await readHead(db.prisma, SCHEMA, "test:empty")).toEqual({
      logId: "test:empty",
      size: 0,
      total: 0,
      rootHash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      timestamp: null,
    });
  });

  it("keeps heads, past roots and proofs equal to the tree rebuilt from the published entries", async () => {
    const logId = "test:sequential";
    for (let i = 0; i < 77; i++) {
      const appended = await append(logId, i);
      expect(appended.seq).toBe(i);
    }
    const head = await readHead(db.prisma, SCHEMA, logId);
    expect(head).toMatchObject({ size: 77, total: 77 });
    const tree = await rebuild(logId);
    expect(head.rootHash).toBe(toHex(tree.root()));
    for (const size of [1, 2, 3, 31, 32, 33, 64, 76, 77]) {
      expect(await rootAt(db.prisma, SCHEMA, logId, size)).toBe(toHex(tree.root(size)));
    }
    for (const [index, size] of [
      [0, 77],
      [40, 77],
      [76, 77],
      [5, 33],
    ] as const) {
      const path = (await inclusionProof(db.prisma, SCHEMA, logId, index, size)).map(fromHex);
      expect(verifyInclusion(index, size, tree.node({ level: 0, index }), path, tree.root(size))).toBe(true);
    }
    for (const [first, second] of [
      [1, 77],
      [32, 77],
      [50, 64],
      [76, 77],
    ] as const) {
      const proof = (await consistencyProof(db.prisma, SCHEMA, logId, first, second)).map(fromHex);
      expect(verifyConsistency(first, second, tree.root(first), tree.root(second), proof)).toBe(true);
    }
    await expect(inclusionProof(db.prisma, SCHEMA, logId, 3, 78)).rejects.toThrow(RangeError);
  });

  it("numbers concurrent appends without gaps or duplicates", async () => {
    const logId = "test:concurrent";
    const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => append(logId, i)));
    expect(appended.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
    const head = await readHead(db.prisma, SCHEMA, logId);
    expect(head).toMatchObject({ size: 40, total: 40 });
    expect(head.rootHash).toBe(toHex((await rebuild(logId)).root()));
    const timestamps = (await readEntries(db.prisma, SCHEMA, logId, 0, 40)).map(
      (stored) => JSON.parse(stored.entry).at as string,
    );
    expect(timestamps).toEqual([...timestamps].sort());
  });

  it("leaves nothing behind when the caller's transaction rolls back", async () => {
    const logId = "test:rollback";
    await append(logId, 0);
    const before = await readHead(db.prisma, SCHEMA, logId);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendEntry(tx, SCHEMA, logId, { kind: "test.added", token: null, delta: 5 });
        throw new Error("the caller changed its mind");
      }, TX),
    ).rejects.toThrow("changed its mind");
    expect(await readHead(db.prisma, SCHEMA, logId)).toEqual(before);
    expect((await append(logId, 1)).seq).toBe(1);
  });

  it("reads several heads in one statement and refuses odd log ids and schemas", async () => {
    const heads = await readHeads(db.prisma, SCHEMA, ["test:sequential", "test:concurrent", "test:none"]);
    expect([...heads.values()].map((head) => head.size)).toEqual([77, 40, 0]);
    await expect(readHead(db.prisma, SCHEMA, "x'; drop table y; --")).rejects.toThrow(/log id/);
    await expect(readHead(db.prisma, 'petitions"; --', "test:none")).rejects.toThrow(/schema/);
  });
});
