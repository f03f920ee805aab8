// The one rate limiter: fixed-window counters in the cache port (Redis, or in-process), shared by the gateway's
// /graphql and the HTTP routes subgraphs mount (Open311, photo uploads). A client's address is never a key as such:
// it enters the cache as an HMAC under PSEUDONYM_SECRET, so the counters (and a dump of Redis) hold no address. If
// the cache itself fails, requests are let through (logged): an outage of Redis must not take the platform down with
// it (policy "rateLimit", platform/cache/outagePolicy.ts).
import { createHmac } from "node:crypto";
import type { Cache } from "./cache/cache.ts";
import { withCacheOutagePolicy } from "./cache/outagePolicy.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";

export type RateLimitVerdict =
  /** Within the limit. */
  | { allowed: true; counted: true }
  /** Over the limit; the window ends in `retryAfterSeconds` (at least 1). */
  | { allowed: false; counted: true; retryAfterSeconds: number }
  /** The cache could not count: let through (fail open). */
  | { allowed: true; counted: false };

export interface RateLimiter {
  /** Counts one request against `key` (a namespace and who: `open311:partner:ems`), `limit` per `windowSeconds`. */
  consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitVerdict>;
  /** A client's address as a key part: `ip:` and its HMAC, never the address. */
  addressKey(ip: string): string;
}

/** The limiter of a process: addresses keyed under the configured PSEUDONYM_SECRET. */
export function rateLimiterFor(deps: { config: Config; cache: Cache; log: Logger }): RateLimiter {
  return createRateLimiter({ cache: deps.cache, secret: deps.config.PSEUDONYM_SECRET, log: deps.log });
}

export function createRateLimiter(deps: { cache: Cache; secret: string; log: Logger }): RateLimiter {
  const { cache, secret, log } = deps;
  return {
    async consume(key, limit, windowSeconds) {
      const counted = await withCacheOutagePolicy(
        "rateLimit",
        () => cache.increment(`ratelimit:${key}`, windowSeconds),
        () => undefined,
        log,
      );
      if (!counted) return { allowed: true, counted: false };
      if (counted.value > limit)
        return { allowed: false, counted: true, retryAfterSeconds: Math.max(1, counted.ttlSeconds) };
      return { allowed: true, counted: true };
    },
    addressKey(ip) {
      return `ip:${createHmac("sha256", secret).update(`ip:${ip}`).digest("base64url")}`;
    },
  };
}
