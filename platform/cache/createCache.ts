// The cache the configuration asks for. Kept apart from the port (cache.ts), which the implementations import.
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";
import type { Cache } from "./cache.ts";
import { createMemoryCache } from "./memoryCache.ts";
import { createRedisCache } from "./redisCache.ts";

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
