// The cache contract against whatever createCache(loadConfig()) builds: the in-process cache under the `embedded`
// project, Redis under `services`. Then what a dead or hung Redis does: calls fail fast, nothing hangs or crashes.
import { randomUUID } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CacheError } from "../../platform/cache/cache.ts";
import { createCache } from "../../platform/cache/createCache.ts";
import { toKeyValueCache } from "../../platform/cache/keyValueCache.ts";
import { createRedisCache } from "../../platform/cache/redisCache.ts";
import { loadConfig } from "../../platform/config.ts";
import { createLogger } from "../../platform/logger.ts";
import { createUpstream } from "../../platform/resilience/upstream.ts";
import { describeCacheContract } from "../support/cacheContract.ts";
import { freePort } from "../support/freePort.ts";

const log = createLogger({ level: "silent" });
const config = loadConfig();
const expectedKind = process.env.PARVIS_TEST_BACKEND === "services" ? "redis" : "memory";
// A namespace per run: a shared Redis may hold keys from other runs and other suites.
const namespace = `test:${randomUUID()}`;

describeCacheContract(`createCache (${expectedKind})`, expectedKind, () =>
  createCache(config, log, { namespace }),
);

describe(`cache consumers (${expectedKind})`, () => {
  const cache = createCache(config, log, { namespace });
  afterAll(() => cache.close());

  it("backs Apollo's KeyValueCache", async () => {
    const apq = toKeyValueCache(cache, "apq:");
    await apq.set("sha", "query { ping }", { ttl: 60 });
    expect(await apq.get("sha")).toBe("query { ping }");
    await apq.delete("sha");
    expect(await apq.get("sha")).toBeUndefined();
  });

  it("gives upstream calls stale-if-error", async () => {
    const upstream = createUpstream({
      name: `cache-test-${randomUUID()}`,
      timeoutMs: 200,
      retries: 0,
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 1_000 },
      cache,
      log,
    });
    const options = { idempotent: true, cacheKey: "k", freshSeconds: 0.01, staleSeconds: 60 };
    await upstream.call("read", async () => ({ ok: 1 }), options);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stale = await upstream.call("read", async () => Promise.reject(new Error("down")), options);
    expect(stale).toEqual({ ok: 1 });
    expect(upstream.metrics().cacheHits.stale).toBe(1);
  });
});

describe("Redis unreachable", () => {
  // A port this test found free itself: a fixed one (6399…) may be some other Redis on a shared machine.
  let deadConfig: ReturnType<typeof loadConfig>;
  beforeAll(async () => {
    deadConfig = loadConfig({ ...process.env, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
  });

  it("fails calls fast instead of hanging, and ping throws", async () => {
    const cache = createCache(deadConfig, log, { namespace });
    expect(cache.kind).toBe("redis");
    try {
      for (const call of [
        () => cache.get("k"),
        () => cache.set("k", "v", { ttlSeconds: 10 }),
        () => cache.setIfAbsent("k", "v", 10),
        () => cache.increment("k", 10),
        () => cache.ping(),
      ]) {
        const started = performance.now();
        await expect(call()).rejects.toBeInstanceOf(CacheError);
        expect(performance.now() - started).toBeLessThan(500);
      }
    } finally {
      await cache.close();
    }
  });

  it("logs the connection error itself (name, code, message) once", async () => {
    const lines: string[] = [];
    const captured = createLogger({
      level: "warn",
      destination: { write: (line: string) => lines.push(line) },
    });
    const cache = createRedisCache({ url: deadConfig.REDIS_URL ?? "", prefix: "parvis:", log: captured });
    try {
      await expect.poll(() => lines.length, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
      const entry = JSON.parse(lines[0] ?? "{}") as { msg?: string; err?: { type?: string; code?: string } };
      expect(entry.msg).toMatch(/^redis unreachable/);
      expect(entry.err).toMatchObject({ type: "Error", code: "ECONNREFUSED" });
    } finally {
      await cache.close();
    }
  });

  it("never lets a key or value reach the error", async () => {
    const cache = createCache(deadConfig, log, { namespace });
    try {
      const error = await cache.set("secret-key", "secret-value").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CacheError);
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toMatch(/secret/);
    } finally {
      await cache.close();
    }
  });

  it("turns into misses for Apollo's caches", async () => {
    const cache = createCache(deadConfig, log, { namespace });
    try {
      await expect(toKeyValueCache(cache, "apq:").get("sha")).resolves.toBeUndefined();
    } finally {
      await cache.close();
    }
  });
});

describe("Redis that accepts connections but never answers", () => {
  let server: Server;
  const sockets = new Set<Socket>();
  let port = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it("bounds every call by the command timeout", async () => {
    const cache = createRedisCache({
      url: `redis://127.0.0.1:${port}`,
      prefix: "parvis:",
      log,
      commandTimeoutMs: 200,
    });
    try {
      const started = performance.now();
      await expect(cache.get("k")).rejects.toBeInstanceOf(CacheError);
      await expect(cache.ping()).rejects.toBeInstanceOf(CacheError);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      await cache.close();
    }
  });

  it("skips it at once after 3 timeouts in a row (circuit breaker), instead of one timeout per call", async () => {
    const cache = createRedisCache({
      url: `redis://127.0.0.1:${port}`,
      prefix: "parvis:",
      log,
      commandTimeoutMs: 100,
    });
    try {
      for (let i = 0; i < 3; i++) await expect(cache.get("k")).rejects.toThrow(/timed out/i);
      const started = performance.now();
      for (let i = 0; i < 20; i++) await expect(cache.get("k")).rejects.toThrow(/skipped/);
      expect(performance.now() - started).toBeLessThan(100);
    } finally {
      await cache.close();
    }
  });
});
