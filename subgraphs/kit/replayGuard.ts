// Replay protection for signed Caller headers: a nonce is accepted once. The shared cache (Redis in production) is
// the authority across processes, in ONE namespace for every subgraph (`caller-nonce:<nonce>`). A cache outage must
// not become an outage of the platform (issue #16), so every process also keeps a bounded in-process window of the
// nonces it accepted, and when the cache fails it relies on that window alone:
// - time-bounded: an entry lives as long as a header is valid (CALLER_HEADER_MAX_AGE_SECONDS + 5 s of clock skew);
// - size-bounded: at most `maxEntries` nonces (CALLER_NONCE_WINDOW_MAX_ENTRIES). When full, the oldest entry is
//   dropped and its timestamp becomes a floor: while the cache is down, a header issued at or before the floor is
//   refused (its nonce may have been dropped), so a full window costs late requests, never a replay.
// What the fallback cannot see: a replay to ANOTHER process of the same subgraph while the cache is down (each
// process knows its own nonces only). The audience binding limits that to replicas of the subgraph the header was
// made for, with the same body, within the validity window.
import type { Cache } from "./cache/cache.ts";
import { withCacheOutagePolicy } from "./cache/outagePolicy.ts";
import type { Logger } from "./logger.ts";

export interface ReplayGuard {
  /** True when the nonce is new (and is now remembered), false when it was seen within its validity window. */
  remember(nonce: string, issuedAt: number, ttlSeconds: number): Promise<boolean>;
}

export interface ReplayGuardOptions {
  cache: Cache;
  log: Logger;
  maxEntries: number;
  now?: () => number;
}

export const NONCE_KEY_PREFIX = "caller-nonce:";

const guards = new WeakMap<Cache, ReplayGuard>();

/** One guard per cache, hence per process: the subgraphs of one process share their window as they share the cache. */
export function replayGuardFor(options: ReplayGuardOptions): ReplayGuard {
  let guard = guards.get(options.cache);
  if (!guard) {
    guard = createReplayGuard(options);
    guards.set(options.cache, guard);
  }
  return guard;
}

export function createReplayGuard(options: ReplayGuardOptions): ReplayGuard {
  const { cache, log, maxEntries } = options;
  const now = options.now ?? Date.now;
  // Insertion order is (nearly) issue order: a Map iterates oldest first.
  const window = new Map<string, { issuedAt: number; expiresAt: number }>();
  let floor = Number.NEGATIVE_INFINITY;

  const prune = (at: number) => {
    for (const [nonce, entry] of window) {
      if (entry.expiresAt > at) break;
      window.delete(nonce);
    }
  };

  return {
    async remember(nonce, issuedAt, ttlSeconds) {
      const at = now();
      prune(at);
      const known = window.get(nonce);
      if (known && known.expiresAt > at) return false;
      window.set(nonce, { issuedAt, expiresAt: at + ttlSeconds * 1000 });
      while (window.size > maxEntries) {
        const [oldest, entry] = window.entries().next().value as [string, { issuedAt: number }];
        window.delete(oldest);
        floor = Math.max(floor, entry.issuedAt);
      }
      // One warning per outage (outagePolicy.ts); during it, this process's window decides alone.
      return withCacheOutagePolicy(
        "replayNonce",
        () => cache.setIfAbsent(`${NONCE_KEY_PREFIX}${nonce}`, "1", ttlSeconds),
        () => issuedAt > floor,
        log,
      );
    },
  };
}
