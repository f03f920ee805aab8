import { describe, expect, it } from "vitest";
import type { SqlRunner } from "../../../platform/db/database.ts";
import { groupCommit } from "./groupCommit.ts";

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A fake database: records statements per transaction; COMMIT fails when told to. */
function fakeDatabase(options: { failCommit?: boolean } = {}) {
  const transactions: string[][] = [];
  let open = 0;
  let maxOpen = 0;
  const runTransaction = async <T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T> => {
    const statements: string[] = [];
    transactions.push(statements);
    open++;
    maxOpen = Math.max(maxOpen, open);
    const sql = {
      query: async (text: string) => {
        statements.push(text);
        return [];
      },
    } as unknown as SqlRunner;
    try {
      const result = await fn(sql);
      await tick();
      if (options.failCommit) throw new Error("commit failed");
      statements.push("COMMIT");
      return result;
    } finally {
      open--;
    }
  };
  return { runTransaction, transactions, maxOpen: () => maxOpen };
}

describe("groupCommit", () => {
  it("commits work queued on one key together, a savepoint each, in order, one transaction at a time", async () => {
    const db = fakeDatabase();
    const group = groupCommit(db.runTransaction);
    const work = (label: string) => async (sql: SqlRunner) => {
      await sql.query(label);
      await tick();
      return label;
    };
    const results = await Promise.all(["a1", "a2", "a3", "a4"].map((label) => group.run("a", work(label))));
    expect(results).toEqual(["a1", "a2", "a3", "a4"]);
    // The first runs alone; the three queued meanwhile share the next transaction.
    expect(db.transactions).toEqual([
      ["a1", "COMMIT"],
      ["SAVEPOINT item_0", "a2", "SAVEPOINT item_1", "a3", "SAVEPOINT item_2", "a4", "COMMIT"],
    ]);
    expect(db.maxOpen()).toBe(1);
    expect(group.size).toBe(0);
  });

  it("rolls a failing item back to its savepoint alone; the others are committed", async () => {
    const db = fakeDatabase();
    const group = groupCommit(db.runTransaction);
    const ok = (label: string) => async (sql: SqlRunner) => {
      await sql.query(label);
      return label;
    };
    const first = group.run("p", ok("first"));
    const settled = await Promise.allSettled([
      first,
      group.run("p", ok("b")),
      group.run("p", async (sql) => {
        await sql.query("c");
        throw new Error("already signed");
      }),
      group.run("p", ok("d")),
    ]);
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual([
      "first",
      "b",
      "already signed",
      "d",
    ]);
    expect(db.transactions[1]).toEqual([
      "SAVEPOINT item_0",
      "b",
      "SAVEPOINT item_1",
      "c",
      "ROLLBACK TO SAVEPOINT item_1",
      "SAVEPOINT item_2",
      "d",
      "COMMIT",
    ]);
  });

  it("answers nobody before the commit, and fails the whole batch when the commit fails", async () => {
    const db = fakeDatabase({ failCommit: true });
    const group = groupCommit(db.runTransaction);
    const settled = await Promise.allSettled(
      ["x", "y", "z"].map((label) => group.run("k", async () => label)),
    );
    expect(settled.every((s) => s.status === "rejected")).toBe(true);
  });

  it("runs different keys in parallel", async () => {
    const db = fakeDatabase();
    const group = groupCommit(db.runTransaction);
    await Promise.all([group.run("x", async () => tick()), group.run("y", async () => tick())]);
    expect(db.maxOpen()).toBe(2);
  });
});
