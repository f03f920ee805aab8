// Adapts the cache port to Apollo's KeyValueCache, so that Apollo Server's and the gateway's caches (APQ, response
// cache, query plans) live in the same store as everything else.
// Errors are misses, as with Apollo's ErrorsAreMissesCache: an unreachable Redis must slow a request down
// (re-planning, re-sending a persisted query), never fail it. The backend already logs the outage once.
// This is the "responseCaching" policy of outagePolicy.ts, applied to every error as Apollo does.
import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import type { Cache } from "./cache.ts";

export interface KeyValueCacheOptions {
  /** Applied when Apollo gives no ttl, so that entries cannot pile up forever in a shared Redis. */
  defaultTtlSeconds?: number;
}

export function toKeyValueCache(
  cache: Cache,
  prefix: string,
  options: KeyValueCacheOptions = {},
): KeyValueCache<string> {
  const ttlOf = (setOptions?: KeyValueCacheSetOptions): number | undefined => {
    // Apollo's ttl is in seconds; null, undefined and 0 all mean "no expiry" for its own in-memory cache.
    const ttl = setOptions?.ttl;
    return ttl !== undefined && ttl !== null && ttl > 0 ? ttl : options.defaultTtlSeconds;
  };

  return {
    async get(key) {
      return cache.get(prefix + key).catch(() => undefined);
    },
    async set(key, value, setOptions) {
      const ttlSeconds = ttlOf(setOptions);
      await cache
        .set(prefix + key, value, ttlSeconds === undefined ? {} : { ttlSeconds })
        .catch(() => undefined);
    },
    async delete(key) {
      await cache.delete(prefix + key).catch(() => undefined);
    },
  };
}
