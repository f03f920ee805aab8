// In-process cache for development and tests: an LRU bounded by CACHE_MAX_ENTRIES with per-entry TTLs.
// JavaScript runs one operation at a time, so setIfAbsent and increment are atomic without locks.
// Caveat: under memory pressure the LRU may evict a replay nonce or a rate-limit counter early; production uses Redis.
import { LRUCache } from "lru-cache";
import type { Cache } from "./cache.ts";
import { CacheError, requirePositiveTtl, ttlMilliseconds } from "./cacheError.ts";

export interface MemoryCacheOptions {
  maxEntries: number;
}

export function createMemoryCache(options: MemoryCacheOptions): Cache {
  // ttlResolution 0: read the clock on every check; the default cached clock can report a remaining ttl a fraction
  // above the one set, which increment would round up to one second more than asked.
  const entries = new LRUCache<string, string>({ max: options.maxEntries, ttlResolution: 0 });
  let closed = false;

  // Same behaviour as Redis after close(): calls fail rather than silently working on a dead cache.
  const open = (operation: string) => {
    if (closed) throw new CacheError(operation, "cache is closed");
  };

  return {
    kind: "memory",

    async get(key) {
      open("get");
      return entries.get(key);
    },

    async getMany(keys) {
      open("getMany");
      return keys.map((key) => entries.get(key));
    },

    async set(key, value, setOptions) {
      open("set");
      const ttl = setOptions?.ttlSeconds;
      entries.set(key, value, ttl !== undefined && ttl > 0 ? { ttl: ttlMilliseconds(ttl) } : {});
    },

    async delete(key) {
      open("delete");
      entries.delete(key);
    },

    async setIfAbsent(key, value, ttlSeconds) {
      open("setIfAbsent");
      requirePositiveTtl("setIfAbsent", ttlSeconds);
      if (entries.has(key)) return false;
      entries.set(key, value, { ttl: ttlMilliseconds(ttlSeconds) });
      return true;
    },

    async increment(key, ttlSeconds) {
      open("increment");
      requirePositiveTtl("increment", ttlSeconds);
      const current = entries.get(key);
      const previous = current === undefined ? 0 : Number(current);
      // Redis refuses INCR on a non-integer; do the same so that both backends fail alike.
      if (!Number.isSafeInteger(previous)) throw new CacheError("increment", "value is not an integer");
      const remaining = current === undefined ? 0 : entries.getRemainingTTL(key);
      // A counter keeps its original expiry (fixed window); one without expiry gets the ttl, as the Redis script does.
      const ttl = remaining > 0 && Number.isFinite(remaining) ? remaining : ttlMilliseconds(ttlSeconds);
      const value = previous + 1;
      entries.set(key, String(value), { ttl });
      return { value, ttlSeconds: Math.ceil(ttl / 1000) };
    },

    async ping() {
      open("ping");
    },

    async close() {
      closed = true;
      entries.clear();
    },
  };
}
