// Redis-backed cache (production). A dead or slow Redis must surface as a quick CacheError, never as a hung request
// nor a crashed process. ioredis' defaults do the opposite: commands wait in an offline queue through 20 reconnection
// attempts (tens of seconds) and have no timeout. The options below bound every call:
// - commandTimeout: no command waits longer than this, queued or sent (cache calls take well under a millisecond);
// - maxRetriesPerRequest 0: a command queued while (re)connecting is rejected as soon as that attempt fails;
// - enableOfflineQueue stays on so that calls made while the first connection is being set up (at boot) or during
//   a reconnection that succeeds are not lost, but run() rejects at once while the client is known to be down
//   (between reconnection attempts), so an outage costs no waiting at all;
// - autoResendUnfulfilledCommands off: a command whose caller already got an error must not run later (INCR twice);
// - retryStrategy never gives up (capped backoff): giving up would leave the process without a cache until restart;
// - a circuit breaker (circuitBreaker.ts): a Redis that hangs (accepts, never answers) costs a few timeouts, then
//   calls skip it for BREAKER_OPEN_MS at a time, instead of one timeout per call for the whole outage.
import { Redis } from "ioredis";
import type { Logger } from "../logger.ts";
import type { Cache } from "./cache.ts";
import { CacheError, requirePositiveTtl, ttlMilliseconds } from "./cacheError.ts";
import { createCacheBreaker } from "./circuitBreaker.ts";

export interface RedisCacheOptions {
  url: string;
  /** Prepended to every key, e.g. `parvis:` — applied here rather than with ioredis' keyPrefix so that it is visible. */
  prefix: string;
  log: Logger;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** REDIS_COMMAND_TIMEOUT_MS's default (platform/config.ts). */
const DEFAULT_COMMAND_TIMEOUT_MS = 250;
/** Failures in a row that open the breaker, and how long it then skips Redis before one call probes it. */
const BREAKER_FAILURES = 3;
const BREAKER_OPEN_MS = 5_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

// Fixed window: INCR, then give the counter its expiry only when it has none (just created, or set without ttl).
// One script, so that no other client sees a counter without expiry and a crash cannot leave one behind.
const INCREMENT_SCRIPT = `
local value = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { value, ttl }
`;

/** Statuses in which ioredis is known to have no connection: waiting there would only delay the same error. */
const DOWN = new Set(["reconnecting", "close", "end"]);

export function createRedisCache(options: RedisCacheOptions): Cache {
  const { prefix, log } = options;
  const redis = new Redis(options.url, {
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    commandTimeout: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: true,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) =>
      Math.min(50 * 2 ** attempt, MAX_RECONNECT_DELAY_MS) + Math.floor(Math.random() * 100),
    connectionName: "parvis",
  });

  // An 'error' listener keeps ioredis from printing unhandled errors; the process never crashes on them.
  // Only the first error of an outage is a warning: ioredis emits one per reconnection attempt.
  let healthy = true;
  redis.on("error", (error: Error & { code?: string }) => {
    // The Error itself: the logger's serializer keeps its name, code (ECONNREFUSED, ETIMEDOUT…) and message.
    const fields = { err: error };
    if (healthy) log.warn(fields, "redis unreachable; cache calls fail until it reconnects");
    else log.debug(fields, "redis still unreachable");
    healthy = false;
  });
  redis.on("ready", () => {
    if (!healthy) log.info("redis connection restored");
    healthy = true;
  });

  let closed = false;
  const key = (name: string) => prefix + name;

  const breaker = createCacheBreaker({ failures: BREAKER_FAILURES, openMs: BREAKER_OPEN_MS, log });

  async function run<T>(operation: string, command: () => Promise<T>): Promise<T> {
    if (closed) throw new CacheError(operation, "cache is closed");
    if (DOWN.has(redis.status)) throw new CacheError(operation, "redis is unreachable");
    try {
      return await breaker.execute(
        command,
        () => new CacheError(operation, "redis skipped after repeated failures"),
      );
    } catch (error) {
      if (error instanceof CacheError) throw error;
      // Rebuilt without the original: ioredis errors carry the command's arguments (keys and values).
      throw new CacheError(operation, error instanceof Error ? error.message : "unknown error");
    }
  }

  return {
    kind: "redis",

    get: (name) => run("get", async () => (await redis.get(key(name))) ?? undefined),

    getMany: (names) =>
      run("getMany", async () => {
        if (names.length === 0) return [];
        const values = await redis.mget(names.map(key));
        return values.map((value) => value ?? undefined);
      }),

    set: (name, value, setOptions) =>
      run("set", async () => {
        const ttl = setOptions?.ttlSeconds;
        if (ttl !== undefined && ttl > 0) await redis.set(key(name), value, "PX", ttlMilliseconds(ttl));
        else await redis.set(key(name), value);
      }),

    delete: (name) =>
      run("delete", async () => {
        await redis.del(key(name));
      }),

    setIfAbsent: async (name, value, ttlSeconds) => {
      requirePositiveTtl("setIfAbsent", ttlSeconds);
      return run("setIfAbsent", async () => {
        const reply = await redis.set(key(name), value, "PX", ttlMilliseconds(ttlSeconds), "NX");
        return reply === "OK";
      });
    },

    increment: async (name, ttlSeconds) => {
      requirePositiveTtl("increment", ttlSeconds);
      return run("increment", async () => {
        const reply = (await redis.eval(
          INCREMENT_SCRIPT,
          1,
          key(name),
          ttlMilliseconds(ttlSeconds),
        )) as unknown;
        const [value, ttlMs] = Array.isArray(reply) ? reply.map(Number) : [];
        if (value === undefined || ttlMs === undefined || Number.isNaN(value) || Number.isNaN(ttlMs)) {
          throw new Error("unexpected reply to the increment script");
        }
        return { value, ttlSeconds: Math.ceil(ttlMs / 1000) };
      });
    },

    ping: () =>
      run("ping", async () => {
        await redis.ping();
      }),

    async close() {
      if (closed) return;
      closed = true;
      // QUIT lets in-flight commands finish; disconnect() then stops any pending reconnection timer.
      if (redis.status === "ready") await redis.quit().catch(() => undefined);
      redis.disconnect();
    },
  };
}
