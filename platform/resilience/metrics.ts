// Counters and a latency histogram per upstream, kept in process. Cumulative buckets in the Prometheus style, so
// that a metrics endpoint can expose them as they are.

export type BreakerState = "closed" | "open" | "half_open" | "isolated";

/** Upper bounds, in milliseconds, of the latency buckets (plus +Inf). */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] as const;

export interface UpstreamMetrics {
  name: string;
  /** call() invocations: fresh cache hits + successes + failures. */
  calls: number;
  /** Calls that got a value from the upstream (possibly after retries). */
  successes: number;
  /** Calls the upstream could not serve (error, timeout, open breaker); some were then served stale. */
  failures: number;
  /** Failed calls turned into UpstreamUnavailableError (failures − stale hits). */
  unavailable: number;
  /** Invocations of the upstream function (first attempts + retries). */
  attempts: number;
  /** Attempts that ran past the timeout. */
  timeouts: number;
  /** Attempts beyond the first (idempotent calls only). */
  retries: number;
  /** Attempts refused by the open circuit breaker without calling the upstream. */
  shortCircuited: number;
  cacheHits: { fresh: number; stale: number };
  breaker: BreakerState;
  /** Latency of each attempt that reached the upstream, timeouts included. */
  latencyMs: { buckets: Array<{ le: number | "+Inf"; count: number }>; sum: number; count: number };
}

type Counters = Omit<UpstreamMetrics, "name" | "breaker" | "latencyMs" | "cacheHits">;
type CounterName = keyof Counters;

export interface MetricsRecorder {
  count(counter: CounterName | "freshHits" | "staleHits"): void;
  observeLatency(milliseconds: number): void;
  snapshot(breaker: BreakerState): UpstreamMetrics;
}

export function createMetricsRecorder(name: string): MetricsRecorder {
  const counters: Counters = {
    calls: 0,
    successes: 0,
    failures: 0,
    unavailable: 0,
    attempts: 0,
    timeouts: 0,
    retries: 0,
    shortCircuited: 0,
  };
  const cacheHits = { fresh: 0, stale: 0 };
  // One slot per bound plus +Inf; non-cumulative here, made cumulative in the snapshot.
  const bucketCounts = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  let latencySum = 0;
  let latencyCount = 0;

  return {
    count(counter) {
      if (counter === "freshHits") cacheHits.fresh++;
      else if (counter === "staleHits") cacheHits.stale++;
      else counters[counter]++;
    },

    observeLatency(milliseconds) {
      const index = LATENCY_BUCKETS_MS.findIndex((bound) => milliseconds <= bound);
      const slot = index === -1 ? LATENCY_BUCKETS_MS.length : index;
      bucketCounts[slot] = (bucketCounts[slot] ?? 0) + 1;
      latencySum += milliseconds;
      latencyCount++;
    },

    snapshot(breaker) {
      let cumulative = 0;
      const buckets = bucketCounts.map((count, index) => {
        cumulative += count;
        return { le: LATENCY_BUCKETS_MS[index] ?? ("+Inf" as const), count: cumulative };
      });
      return {
        name,
        ...counters,
        cacheHits: { ...cacheHits },
        breaker,
        latencyMs: { buckets, sum: latencySum, count: latencyCount },
      };
    },
  };
}
