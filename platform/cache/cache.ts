// The one cache port of Parvis. Every cache — upstream responses, Apollo's query plans and APQ, rate-limit counters,
// replay nonces, idempotency keys — goes through it, so switching between the in-process cache (development, tests)
// and Redis (production) is a configuration change, not a code change.
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import { createMemoryCache } from "./memoryCache.ts";
import { createRedisCache } from "./redisCache.ts";

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

/**
 * Builds the cache the configuration asks for: Redis when REDIS_URL is set, the in-process LRU otherwise.
 * Redis keys are prefixed `parvis:` (and `parvis:<namespace>:`), so that Parvis can share a Redis with other tenants
 * and two namespaces never collide. In-process caches are per instance: create one per process and share it.
 */
export function createCache(config: Config, log: Logger, options: { namespace?: string } = {}): Cache {
  const cacheLog = log.child({ component: "cache" });
  if (config.embedded.cache || config.REDIS_URL === undefined) {
    return createMemoryCache({ maxEntries: config.CACHE_MAX_ENTRIES });
  }
  const prefix = options.namespace ? `parvis:${options.namespace}:` : "parvis:";
  return createRedisCache({
    url: config.REDIS_URL,
    prefix,
    log: cacheLog,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
  });
}

/** Several keys in one round trip where the backend can, else one `get` per key (in parallel). */
export function getMany(cache: Cache, keys: readonly string[]): Promise<(string | undefined)[]> {
  if (keys.length === 0) return Promise.resolve([]);
  if (cache.getMany) return cache.getMany(keys);
  return Promise.all(keys.map((key) => cache.get(key)));
}
