// At most `limit` tasks at once, the others waiting in arrival order. The budget's write transactions go through
// one: under a burst of ballots they queue here, in the process, rather than in the connection pool, whose wait
// is bounded (a few seconds) and would turn a busy moment into errors.
export type Semaphore = <T>(task: () => Promise<T>) => Promise<T>;

export function semaphore(limit: number): Semaphore {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so a newcomer can never overtake it.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
