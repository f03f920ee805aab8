// A hung Redis (stopped, not refusing connections) makes every command wait for the command timeout: with several
// cache calls per request, every request would be that many timeouts slower for the whole outage. After
// `failures` failures in a row the breaker (cockatiel, as for upstreams) opens: calls skip the cache at once — the
// outage policy answers as if it were down — for `openMs`; then one call probes it: a success closes the breaker,
// a failure reopens it. So an outage costs a few timeouts, then at most one probe per `openMs`.
import { ConsecutiveBreaker, circuitBreaker, handleAll, isBrokenCircuitError } from "cockatiel";
import type { Logger } from "../logger.ts";

export interface CacheBreakerOptions {
  failures: number;
  openMs: number;
  log: Logger;
}

export interface CacheBreaker {
  /** Runs `command`, or throws `skipped()` without running it while the breaker is open. */
  execute<T>(command: () => Promise<T>, skipped: () => Error): Promise<T>;
}

export function createCacheBreaker(options: CacheBreakerOptions): CacheBreaker {
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.openMs,
    breaker: new ConsecutiveBreaker(options.failures),
  });
  // One warning per outage: a failed probe reopens the breaker every `openMs`, which is no news.
  let outage = false;
  breaker.onBreak(() => {
    if (!outage) {
      options.log.warn(
        { failures: options.failures, skipMs: options.openMs },
        "redis failing (slow or unreachable); cache calls skip it, one probe per period",
      );
    }
    outage = true;
  });
  breaker.onReset(() => {
    outage = false;
  });

  return {
    async execute(command, skipped) {
      try {
        return await breaker.execute(command);
      } catch (error) {
        if (isBrokenCircuitError(error)) throw skipped();
        throw error;
      }
    },
  };
}
