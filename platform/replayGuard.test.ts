import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Cache } from "./cache/cache.ts";
import { CacheError } from "./cache/cacheError.ts";
import { createMemoryCache } from "./cache/memoryCache.ts";
import { createLogger } from "./logger.ts";
import { createReplayGuard } from "./replayGuard.ts";

const log = createLogger({ level: "silent", name: "test" });

/**
 * A cache whose every call fails while `down` is set, as the Redis cache does when Redis is unreachable; `restart()`
 * empties it, as a Redis restart without persistence does. Two guards on one such cache are two replicas.
 */
function switchableCache(): Cache & { down: boolean; restart(): void } {
  let inner = createMemoryCache({ maxEntries: 1000 });
  const wrapped = { ...inner, kind: "redis", down: false } as Cache & { down: boolean; restart(): void };
  const check = (operation: string) => {
    if (wrapped.down) throw new CacheError(operation, "redis is unreachable");
  };
  wrapped.setIfAbsent = async (key, value, ttl) => {
    check("setIfAbsent");
    return inner.setIfAbsent(key, value, ttl);
  };
  wrapped.get = async (key) => {
    check("get");
    return inner.get(key);
  };
  wrapped.restart = () => {
    inner = createMemoryCache({ maxEntries: 1000 });
  };
  return wrapped;
}

describe("replay guard", () => {
  it("accepts a nonce once, through the cache or, while the cache is down, through its own window", async () => {
    const cache = switchableCache();
    const guard = createReplayGuard({ cache, log, maxEntries: 100 });
    const now = Date.now();
    expect(await guard.remember("a", now, 35)).toBe(true);
    expect(await guard.remember("a", now, 35)).toBe(false);
    cache.down = true;
    expect(await guard.remember("b", now, 35)).toBe(true);
    expect(await guard.remember("b", now, 35)).toBe(false);
    // Seen while the cache was up, replayed while it is down: still refused.
    expect(await guard.remember("a", now, 35)).toBe(false);
    cache.down = false;
    // Seen only by this process's window while the cache was down: still refused when it is back.
    expect(await guard.remember("b", now, 35)).toBe(false);
  });

  it("refuses what a full window may have forgotten while the cache is down, and forgets by time", async () => {
    const cache = switchableCache();
    cache.down = true;
    let clock = 1_000_000;
    const guard = createReplayGuard({ cache, log, maxEntries: 3, now: () => clock });
    for (const [index, nonce] of ["n1", "n2", "n3", "n4"].entries()) {
      expect(await guard.remember(nonce, clock + index, 35)).toBe(true);
    }
    // n1 was dropped to keep 3 entries: its replay is refused by the floor, as is any header as old.
    expect(await guard.remember("n1", clock, 35)).toBe(false);
    expect(await guard.remember("late", clock, 35)).toBe(false);
    expect(await guard.remember("n5", clock + 10, 35)).toBe(true);
    // Entries expire with the header's validity: the window holds no more than that.
    clock += 36_000;
    expect(await guard.remember("n6", clock, 35)).toBe(true);
    // The outage ends (the next test counts its own warning).
    cache.down = false;
    expect(await guard.remember("n7", clock, 35)).toBe(true);
  });

  it("logs the fallback once per outage", async () => {
    const lines: string[] = [];
    const capture = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const cache = switchableCache();
    const guard = createReplayGuard({ cache, log: capture, maxEntries: 100 });
    cache.down = true;
    for (let i = 0; i < 5; i++) await guard.remember(`x${i}`, Date.now(), 35);
    const warnings = lines.filter((line) => line.includes('"use":"replayNonce"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"level":40');
  });

  describe("another replica of the same subgraph (the shared cache)", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("learns the nonces accepted during an outage as soon as the cache is back", async () => {
      const cache = switchableCache();
      const replicaA = createReplayGuard({ cache, log, maxEntries: 100 });
      const replicaB = createReplayGuard({ cache, log, maxEntries: 100 });
      const now = Date.now();
      cache.down = true;
      expect(await replicaA.remember("during-outage", now, 35)).toBe(true);
      cache.down = false;
      // A's next request reaches the cache: A writes its window back before B sees the replay.
      expect(await replicaA.remember("after-outage", now, 35)).toBe(true);
      await replicaA.sync();
      expect(await replicaB.remember("during-outage", now, 35)).toBe(false);
      expect(await replicaB.remember("after-outage", now, 35)).toBe(false);
    });

    it("writes its window back within a second even when it receives nothing after the outage", async () => {
      vi.useFakeTimers();
      const cache = switchableCache();
      const replicaA = createReplayGuard({ cache, log, maxEntries: 100 });
      const replicaB = createReplayGuard({ cache, log, maxEntries: 100 });
      cache.down = true;
      expect(await replicaA.remember("idle-after", Date.now(), 35)).toBe(true);
      await vi.advanceTimersByTimeAsync(3_000); // still down: retried, not lost
      cache.down = false;
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await replicaB.remember("idle-after", Date.now(), 35)).toBe(false);
    });

    it("writes its window back when the cache restarted and lost every nonce", async () => {
      vi.useFakeTimers();
      const cache = switchableCache();
      const replicaA = createReplayGuard({ cache, log, maxEntries: 100 });
      const replicaB = createReplayGuard({ cache, log, maxEntries: 100 });
      expect(await replicaA.remember("before-restart", Date.now(), 35)).toBe(true);
      await vi.advanceTimersByTimeAsync(1_000); // A has read the cache's epoch
      cache.restart();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await replicaB.remember("before-restart", Date.now(), 35)).toBe(false);
      // Nonces keep their remaining validity only: once expired, the window stops checking (no timer left).
      await vi.advanceTimersByTimeAsync(40_000);
      expect(vi.getTimerCount()).toBe(0);
    });

    it("does nothing of the sort on the in-process cache, which no other process shares", async () => {
      vi.useFakeTimers();
      const cache = createMemoryCache({ maxEntries: 100 });
      const guard = createReplayGuard({ cache, log, maxEntries: 100 });
      expect(await guard.remember("solo", Date.now(), 35)).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
