// Group commit for work on one petition. Changes to a petition are serialised anyway (its row lock, and the keyed
// queue in this process), so a burst of signatures on a popular petition used to pay, one after the other, a
// BEGIN, a COMMIT and its WAL flush each: most of the time of a signature (bench/README.md, (e)). Here the work
// queued on one key while a transaction runs is run in the next transaction together, each item inside its own
// SAVEPOINT: an item that fails (an Abort outcome, a constraint) is rolled back to its savepoint alone and the
// others go on. Every item's promise settles only after the COMMIT, so nobody is told "signed" before it is durable;
// if the COMMIT itself fails, every item of the batch fails with it and nothing is half-done.
import type { SqlRunner } from "../../../platform/db/database.ts";

type RunTransaction = <T>(fn: (sql: SqlRunner) => Promise<T>) => Promise<T>;

interface Item {
  work: (sql: SqlRunner) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommit {
  run<T>(key: string, work: (sql: SqlRunner) => Promise<T>): Promise<T>;
  /** Keys with work queued or running (tests, metrics). */
  readonly size: number;
}

export function groupCommit(runTransaction: RunTransaction, maxBatch = 64): GroupCommit {
  const queues = new Map<string, Item[]>();

  async function runBatch(batch: Item[]): Promise<Settled[]> {
    // A batch of one is a plain transaction: its failure rolls everything back, as before.
    if (batch.length === 1) {
      const [item] = batch as [Item];
      try {
        return [{ ok: true, value: await runTransaction(item.work) }];
      } catch (error) {
        return [{ ok: false, error }];
      }
    }
    const settled: Settled[] = [];
    try {
      await runTransaction(async (sql) => {
        for (const [index, item] of batch.entries()) {
          await sql.query(`SAVEPOINT item_${index}`);
          try {
            settled.push({ ok: true, value: await item.work(sql) });
          } catch (error) {
            await sql.query(`ROLLBACK TO SAVEPOINT item_${index}`);
            settled.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      return batch.map(() => ({ ok: false, error }));
    }
    return settled;
  }

  async function drain(key: string, queue: Item[]) {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const settled = await runBatch(batch);
      batch.forEach((item, index) => {
        const outcome = settled[index] as Settled;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    }
    queues.delete(key);
  }

  return {
    run<T>(key: string, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const item = { work, resolve: resolve as (value: unknown) => void, reject };
        const queue = queues.get(key);
        if (queue) {
          queue.push(item);
          return;
        }
        const fresh = [item];
        queues.set(key, fresh);
        void drain(key, fresh);
      });
    },
    get size() {
      return queues.size;
    },
  };
}
