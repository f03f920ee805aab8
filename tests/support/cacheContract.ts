// The behaviour every Cache backend must have, written once and run against each backend (memory in unit tests,
// whatever createCache builds in tests/cache: in-process under `embedded`, Redis under `services`).
// Test-only module: it is imported by *.test.ts files and never by production code.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cache } from "../../platform/cache/cache.ts";
import { CacheError } from "../../platform/cache/cacheError.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeCacheContract(
  label: string,
  expectedKind: Cache["kind"],
  makeCache: () => Cache | Promise<Cache>,
): void {
  describe(`Cache contract — ${label}`, () => {
    let cache: Cache;
    const used: string[] = [];
    // Unique keys: a shared Redis may hold keys of earlier runs, and tests must not see each other's.
    const key = (name: string) => {
      const unique = `contract:${name}:${randomUUID()}`;
      used.push(unique);
      return unique;
    };

    beforeAll(async () => {
      cache = await makeCache();
    });
    afterAll(async () => {
      await Promise.all(used.map((name) => cache.delete(name)));
      await cache.close();
    });

    it("reports its kind", () => {
      expect(cache.kind).toBe(expectedKind);
    });

    it("returns undefined for a missing key", async () => {
      expect(await cache.get(key("missing"))).toBeUndefined();
    });

    it("stores, overwrites and deletes a value", async () => {
      const k = key("roundtrip");
      const value = `Place Kléber — ${"é".repeat(2_000)} 🏛️`;
      await cache.set(k, value);
      expect(await cache.get(k)).toBe(value);
      await cache.set(k, "second");
      expect(await cache.get(k)).toBe("second");
      await cache.delete(k);
      expect(await cache.get(k)).toBeUndefined();
      await expect(cache.delete(k)).resolves.toBeUndefined();
    });

    it("reads several keys in one call, in the order asked", async () => {
      const [a, missing, b] = [key("many-a"), key("many-missing"), key("many-b")];
      await cache.set(a, "1");
      await cache.set(b, "2", { ttlSeconds: 60 });
      expect(await cache.getMany?.([a, missing, b])).toEqual(["1", undefined, "2"]);
      expect(await cache.getMany?.([])).toEqual([]);
    });

    it("expires an entry after its ttl and keeps one without ttl", async () => {
      const expiring = key("ttl");
      const lasting = key("no-ttl");
      await cache.set(expiring, "v", { ttlSeconds: 0.05 });
      await cache.set(lasting, "v");
      expect(await cache.get(expiring)).toBe("v");
      await sleep(120);
      expect(await cache.get(expiring)).toBeUndefined();
      expect(await cache.get(lasting)).toBe("v");
    });

    it("setIfAbsent sets only once, and again after expiry", async () => {
      const k = key("nx");
      expect(await cache.setIfAbsent(k, "first", 0.05)).toBe(true);
      expect(await cache.setIfAbsent(k, "second", 0.05)).toBe(false);
      expect(await cache.get(k)).toBe("first");
      await sleep(120);
      expect(await cache.setIfAbsent(k, "third", 60)).toBe(true);
      expect(await cache.get(k)).toBe("third");
    });

    it("setIfAbsent lets exactly one of concurrent callers win (replay protection)", async () => {
      const k = key("nx-race");
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => cache.setIfAbsent(k, `${i}`, 60)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("increment creates a counter with the ttl and counts atomically", async () => {
      const k = key("counter");
      const first = await cache.increment(k, 60);
      expect(first).toEqual({ value: 1, ttlSeconds: 60 });
      const values = await Promise.all(Array.from({ length: 20 }, () => cache.increment(k, 60)));
      expect(values.map((v) => v.value).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 2),
      );
      for (const { ttlSeconds } of values) expect(ttlSeconds).toBeGreaterThan(0);
      for (const { ttlSeconds } of values) expect(ttlSeconds).toBeLessThanOrEqual(60);
    });

    it("increment keeps the first expiry (fixed window) and restarts after it", async () => {
      const k = key("window");
      await cache.increment(k, 0.1);
      // A later call with a longer ttl does not extend the window.
      expect(await cache.increment(k, 600)).toEqual({ value: 2, ttlSeconds: 1 });
      await sleep(160);
      expect((await cache.increment(k, 60)).value).toBe(1);
    });

    it("increment gives an expiry to a counter stored without one", async () => {
      const k = key("counter-no-ttl");
      await cache.set(k, "41");
      expect(await cache.increment(k, 30)).toEqual({ value: 42, ttlSeconds: 30 });
    });

    it("increment refuses a non-integer value", async () => {
      const k = key("not-a-number");
      await cache.set(k, "abc", { ttlSeconds: 60 });
      await expect(cache.increment(k, 60)).rejects.toBeInstanceOf(CacheError);
    });

    it("refuses a non-positive ttl where expiry is the point", async () => {
      await expect(cache.setIfAbsent(key("bad-ttl"), "v", 0)).rejects.toBeInstanceOf(RangeError);
      await expect(cache.increment(key("bad-ttl"), -1)).rejects.toBeInstanceOf(RangeError);
    });

    it("answers ping", async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
    });

    it("fails every call after close, and close is idempotent", async () => {
      const other = await makeCache();
      await other.close();
      await expect(other.close()).resolves.toBeUndefined();
      await expect(other.get("k")).rejects.toBeInstanceOf(CacheError);
      await expect(other.ping()).rejects.toBeInstanceOf(CacheError);
    });
  });
}
