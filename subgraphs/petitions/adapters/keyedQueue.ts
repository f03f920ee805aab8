// One queue per key (a petition id): work on the same petition runs one at a time in this process, before it
// even asks for a database connection. The row lock (SELECT … FOR UPDATE) still serialises across processes;
// this only keeps a burst on one petition from parking every pooled connection on that same lock (and from
// timing out waiting for a connection), so other requests keep being served while signers queue in memory.
export interface KeyedQueue {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running (tests, metrics). */
  readonly size: number;
}

export function keyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(work, work);
      // The tail settles either way; the last one out removes the key.
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get size() {
      return tails.size;
    },
  };
}
