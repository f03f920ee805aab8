// What a cache outage costs, decided once per use of the cache — here, not by try/catch scattered over the callers.
// The cache (Redis in production) speeds things up and shares counters between processes; it holds nothing that
// cannot be lost. So no use below turns an unreachable cache into a failed request: each says what it does
// instead. Only CacheError (the backend is unreachable, slow or closed) is absorbed: a programming error still fails.
// docs/operations.md ("When something is down") states the same list for operators; tests/outage/ proves it.
import type { Logger } from "../logger.ts";
import { isCacheError } from "./cacheError.ts";

export const CACHE_USES = {
  /** identity's recordSignIn: the local account is refreshed at most once per window; the window is kept in
   * process while the cache is down, so `me` keeps answering and the database sees no write storm. */
  signInBookkeeping: "best effort: in-process window",
  /** Gateway and reports rate limits: documented to fail open; the limit is not checked during the outage. */
  rateLimit: "fail open: request let through",
  /** Upstream responses (resilience wrapper), the public response cache, Apollo's plan cache: a miss. */
  responseCaching: "miss: computed again",
  /** Version bumps of the public response cache: lost; entries expire by their ttl (it serves nothing anyway). */
  cacheInvalidation: "skipped: entries expire by ttl",
  /** Replay nonces of signed subgraph calls: a bounded in-process window (platform/replayGuard.ts), written
   * back to the cache when it is back, so that the other replicas learn the nonces accepted without it. */
  replayNonce: "in-process window",
} as const;

export type CacheUse = keyof typeof CACHE_USES;

/** The first failure of each use during an outage is a warning, the rest debug: one line per outage, not per call. */
const warned = new Set<CacheUse>();

/**
 * Runs `work` against the cache; if the cache is unreachable, answers `whenDown()` instead, as `use`'s policy says.
 * Errors other than CacheError (bugs, refusals such as a rate limit exceeded) pass through unchanged.
 */
export async function withCacheOutagePolicy<T>(
  use: CacheUse,
  work: () => Promise<T>,
  whenDown: () => T | Promise<T>,
  log?: Logger,
): Promise<T> {
  try {
    const value = await work();
    warned.delete(use);
    return value;
  } catch (error) {
    if (!isCacheError(error)) throw error;
    const fields = { use, policy: CACHE_USES[use], operation: error.operation };
    if (warned.has(use)) log?.debug(fields, "cache unavailable");
    else log?.warn(fields, "cache unavailable: degraded as its policy says");
    warned.add(use);
    return whenDown();
  }
}
