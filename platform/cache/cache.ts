// The one cache port of Parvis. Every cache — upstream responses, Apollo's query plans and APQ, rate-limit counters,
// replay nonces, idempotency keys — goes through it, so switching between the in-process cache (development, tests)
// and Redis (production) is a configuration change, not a code change.
export { CacheError, isCacheError } from "./cacheError.ts";

export interface Cache {
  readonly kind: "memory" | "redis";
  get(key: string): Promise<string | undefined>;
  /**
   * Reads several keys in one round trip (Redis MGET), answers in the order asked. Optional so that other
   * implementations of the port keep compiling: call it through `getMany(cache, keys)` below, which falls back to
   * one `get` per key.
   */
  getMany?(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Without a positive ttl the entry has no expiry (the memory cache still evicts by LRU, Redis by its policy). */
  set(key: string, value: string, options?: { ttlSeconds?: number }): Promise<void>;
  delete(key: string): Promise<void>;
  /** Sets only if absent; true when this call set it (atomic; used for replay protection and idempotency). */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Atomically increments a counter, creating it with the ttl when absent; returns the new value and the remaining
   * ttl in whole seconds, rounded up (rate limits). An existing counter keeps its expiry: the window is fixed.
   */
  increment(key: string, ttlSeconds: number): Promise<{ value: number; ttlSeconds: number }>;
  /** Throws when the backend is unreachable (used by /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Several keys in one round trip where the backend can, else one `get` per key (in parallel). */
export function getMany(cache: Cache, keys: readonly string[]): Promise<(string | undefined)[]> {
  if (keys.length === 0) return Promise.resolve([]);
  if (cache.getMany) return cache.getMany(keys);
  return Promise.all(keys.map((key) => cache.get(key)));
}
