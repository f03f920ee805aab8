// The one rate limiter: counts per key in a fixed window, refuses beyond the limit with the window's remaining time,
// lets requests through when the cache cannot count, and never writes a client's address into the cache.
import { describe, expect, it } from "vitest";
import type { Cache } from "./cache/cache.ts";
import { CacheError } from "./cache/cacheError.ts";
import { createMemoryCache } from "./cache/memoryCache.ts";
import { createLogger } from "./logger.ts";
import { createRateLimiter } from "./rateLimit.ts";

const log = createLogger({ level: "silent", name: "test" });
const SECRET = "rate-limit-test-secret-0123456789abcdef";

/** A memory cache that remembers the keys it was asked to count. */
function recordingCache(): Cache & { keys: string[] } {
  const inner = createMemoryCache({ maxEntries: 1000 });
  const keys: string[] = [];
  return {
    ...inner,
    keys,
    increment(key, ttlSeconds) {
      keys.push(key);
      return inner.increment(key, ttlSeconds);
    },
  };
}

describe("rate limiter", () => {
  it("allows `limit` requests per window, then refuses with the time left in the window", async () => {
    const limiter = createRateLimiter({ cache: recordingCache(), secret: SECRET, log });
    for (let i = 0; i < 3; i++)
      expect(await limiter.consume("open311:partner:ems", 3, 60)).toEqual({ allowed: true, counted: true });
    const refused = await limiter.consume("open311:partner:ems", 3, 60);
    expect(refused).toMatchObject({ allowed: false, counted: true });
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another key has its own budget.
    expect(await limiter.consume("open311:partner:other", 3, 60)).toEqual({ allowed: true, counted: true });
  });

  it("keys an address by its HMAC under the secret: the address never reaches the cache", async () => {
    const cache = recordingCache();
    const limiter = createRateLimiter({ cache, secret: SECRET, log });
    const key = limiter.addressKey("203.0.113.7");
    expect(key).toMatch(/^ip:[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain("203.0.113.7");
    expect(limiter.addressKey("203.0.113.7")).toBe(key);
    expect(limiter.addressKey("203.0.113.8")).not.toBe(key);
    expect(createRateLimiter({ cache, secret: `${SECRET}-2`, log }).addressKey("203.0.113.7")).not.toBe(key);
    await limiter.consume(`open311:${key}`, 10, 60);
    expect(cache.keys).toEqual([`ratelimit:open311:${key}`]);
    expect(cache.keys.join()).not.toContain("203.0.113");
  });

  it("lets requests through, uncounted, when the cache is down", async () => {
    const cache = recordingCache();
    cache.increment = async () => {
      throw new CacheError("increment", "redis is unreachable");
    };
    const limiter = createRateLimiter({ cache, secret: SECRET, log });
    for (let i = 0; i < 3; i++)
      expect(await limiter.consume("uploads", 1, 60)).toEqual({ allowed: true, counted: false });
  });
});
