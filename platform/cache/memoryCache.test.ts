import { describe, expect, it } from "vitest";
import { describeCacheContract } from "../../tests/support/cacheContract.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { createCache } from "./createCache.ts";
import { toKeyValueCache } from "./keyValueCache.ts";
import { createMemoryCache } from "./memoryCache.ts";

describeCacheContract("memory", "memory", () => createMemoryCache({ maxEntries: 1_000 }));

describe("memory cache", () => {
  it("evicts the least recently used entry beyond maxEntries", async () => {
    const cache = createMemoryCache({ maxEntries: 3 });
    await cache.set("a", "1");
    await cache.set("b", "2");
    await cache.set("c", "3");
    await cache.get("a"); // a is now the most recently used
    await cache.set("d", "4");
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get("a")).toBe("1");
    expect(await cache.get("d")).toBe("4");
  });

  it("is what createCache builds without REDIS_URL", () => {
    const cache = createCache(loadConfig({ REDIS_URL: "" }), createLogger({ level: "silent" }));
    expect(cache.kind).toBe("memory");
  });
});

describe("toKeyValueCache", () => {
  it("prefixes keys and maps Apollo's ttl (seconds) onto the port", async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    const apq = toKeyValueCache(cache, "apq:");
    await apq.set("hash", "query { ping }", { ttl: 0.05 });
    expect(await cache.get("apq:hash")).toBe("query { ping }");
    expect(await apq.get("hash")).toBe("query { ping }");
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await apq.get("hash")).toBeUndefined();

    await apq.set("plan", "p", { ttl: null });
    expect(await apq.get("plan")).toBe("p");
    await apq.delete("plan");
    expect(await apq.get("plan")).toBeUndefined();
  });

  it("applies the default ttl when Apollo gives none", async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    const plans = toKeyValueCache(cache, "plan:", { defaultTtlSeconds: 0.05 });
    await plans.set("q", "p");
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await plans.get("q")).toBeUndefined();
  });

  it("turns backend errors into misses, so a dead cache never fails a request", async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    await cache.close();
    const apq = toKeyValueCache(cache, "apq:");
    await expect(apq.get("hash")).resolves.toBeUndefined();
    await expect(apq.set("hash", "q")).resolves.toBeUndefined();
    await expect(apq.delete("hash")).resolves.toBeUndefined();
  });
});
