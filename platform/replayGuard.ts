// Replay protection for signed Caller headers: a nonce is accepted once. The shared cache (Redis in production) is
// the authority across processes, in ONE namespace for every subgraph (`caller-nonce:<nonce>`). A cache outage must
// not become an outage of the platform (issue #16), so every process also keeps a bounded in-process window of the
// nonces it accepted — whether the cache was up or down — and when the cache fails it relies on that window alone:
// - time-bounded: an entry lives as long as a header is valid (CALLER_HEADER_MAX_AGE_SECONDS + 5 s of clock skew);
// - size-bounded: at most `maxEntries` nonces (CALLER_NONCE_WINDOW_MAX_ENTRIES). When full, the oldest entry is
//   dropped and its timestamp becomes a floor: while the cache is down, a header issued at or before the floor is
//   refused (its nonce may have been dropped), so a full window costs late requests, never a replay.
// The window is always checked first, so this process never accepts a nonce twice. Other processes know only the
// cache, so the window is written back to it (set-if-absent, with each nonce's remaining validity) — a resync:
// - after an outage: at the first call that reaches the cache again, and every `syncIntervalMs` until it works.
//   Nonces accepted during the outage thus reach the other replicas once the cache is back (an outside probe
//   replayed such a header to another replica 3 s after recovery, and it was accepted);
// - after the cache lost its data (a Redis restart without persistence): a marker key (`caller-nonce-epoch`) is
//   read every `syncIntervalMs` while the window holds nonces; when it is gone or changed, the cache was emptied
//   and the window is written back.
// What remains (docs/security.md, "Gateway → subgraph trust"): a replay to ANOTHER process of the same subgraph
// during the outage itself, or within `syncIntervalMs` (1 s) of a cache restart that lost its data or of the end of
// an outage, before the resync; and nonces a full window dropped. The audience binding limits that to replicas of
// the subgraph the header was made for, with the same body, within the header's validity.
import { randomUUID } from "node:crypto";
import type { Cache } from "./cache/cache.ts";
import { withCacheOutagePolicy } from "./cache/outagePolicy.ts";
import type { Logger } from "./logger.ts";

export interface ReplayGuard {
  /** True when the nonce is new (and is now remembered), false when it was seen within its validity window. */
  remember(nonce: string, issuedAt: number, ttlSeconds: number): Promise<boolean>;
  /** Writes the window back to the cache if it may lack some of it (after an outage, or a cache that lost its
   * data); true when the cache now holds every nonce of the window. Runs on its own (timer); exposed for tests. */
  sync(): Promise<boolean>;
}

export interface ReplayGuardOptions {
  cache: Cache;
  log: Logger;
  maxEntries: number;
  now?: () => number;
  /** How often the cache's epoch is checked, and a failed resync retried, while the window holds nonces. */
  syncIntervalMs?: number;
  /** Whether other processes share the cache (default: unless it is the in-process cache, which nobody shares):
   * only then is the window written back. */
  shared?: boolean;
}

export const NONCE_KEY_PREFIX = "caller-nonce:";
/** Present as long as the cache keeps its data: its absence or a new value means the nonces were lost. */
export const NONCE_EPOCH_KEY = "caller-nonce-epoch";
const EPOCH_TTL_SECONDS = 7 * 24 * 3600; // its expiry costs one needless resync a week
const RESYNC_BATCH = 500;

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
  const interval = options.syncIntervalMs ?? 1000;
  const shared = options.shared ?? cache.kind !== "memory";
  // Insertion order is (nearly) issue order: a Map iterates oldest first.
  const window = new Map<string, { issuedAt: number; expiresAt: number }>();
  let floor = Number.NEGATIVE_INFINITY;
  /** Set by a failed cache call: the cache may lack nonces of the window until a resync succeeds. */
  let behind = false;
  /** The epoch marker last seen in the cache (undefined: not read yet). */
  let epoch: string | undefined;
  let running: Promise<boolean> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const prune = (at: number) => {
    for (const [nonce, entry] of window) {
      if (entry.expiresAt > at) break;
      window.delete(nonce);
    }
  };

  /** Reads the epoch marker, creating it when absent; true when it is not the one this process knew. */
  const epochChanged = async (): Promise<boolean> => {
    let seen = await cache.get(NONCE_EPOCH_KEY);
    if (seen === undefined) {
      await cache.setIfAbsent(NONCE_EPOCH_KEY, randomUUID(), EPOCH_TTL_SECONDS);
      seen = await cache.get(NONCE_EPOCH_KEY);
    }
    const changed = epoch !== undefined && seen !== epoch;
    epoch = seen;
    return changed;
  };

  const writeBack = async () => {
    const at = now();
    prune(at);
    const entries = [...window];
    for (let start = 0; start < entries.length; start += RESYNC_BATCH) {
      await Promise.all(
        entries.slice(start, start + RESYNC_BATCH).map(([nonce, entry]) => {
          const ttlSeconds = Math.ceil((entry.expiresAt - at) / 1000);
          return ttlSeconds > 0
            ? cache.setIfAbsent(`${NONCE_KEY_PREFIX}${nonce}`, "1", ttlSeconds)
            : Promise.resolve(false);
        }),
      );
    }
    log.info({ nonces: entries.length }, "replay nonces written back to the cache");
  };

  const runSync = async (): Promise<boolean> => {
    try {
      // The epoch is read first: a cache emptied during an outage is caught by the same resync.
      const emptied = await epochChanged();
      if (behind || emptied) {
        behind = false; // cleared before writing: a failure meanwhile sets it again
        await writeBack();
      }
      return true;
    } catch (error) {
      behind = true;
      log.debug({ err: error }, "replay nonces not yet written back: the cache still fails");
      return false;
    }
  };

  const sync = (): Promise<boolean> => {
    running ??= runSync().finally(() => {
      running = null;
    });
    return running;
  };

  /** While the window holds nonces, checks the epoch (and retries a failed resync) every `interval`. */
  const schedule = () => {
    if (timer || !shared || interval <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      prune(now());
      // Nothing left to write back (every nonce has expired): stop until the next one (a closed cache stops it too).
      if (window.size === 0) {
        behind = false;
        return;
      }
      void sync().finally(schedule);
    }, interval);
    timer.unref?.();
  };

  return {
    sync,
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
      schedule();
      // One warning per outage (outagePolicy.ts); during it, this process's window decides alone.
      let reached = false;
      const fresh = await withCacheOutagePolicy(
        "replayNonce",
        async () => {
          const set = await cache.setIfAbsent(`${NONCE_KEY_PREFIX}${nonce}`, "1", ttlSeconds);
          reached = true;
          return set;
        },
        () => {
          behind = true;
          return issuedAt > floor;
        },
        log,
      );
      // The cache is back: the other replicas must learn what this one accepted without it, now, not at the tick.
      if (reached && behind && shared) void sync();
      return fresh;
    },
  };
}
