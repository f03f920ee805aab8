import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { Cache } from "./cache/cache.ts";
import { CacheError } from "./cache/cacheError.ts";
import { createMemoryCache } from "./cache/memoryCache.ts";
import { createLogger } from "./logger.ts";
import { createReplayGuard } from "./replayGuard.ts";

const log = createLogger({ level: "silent", name: "test" });

/** A cache whose every call fails while `down` is set, as the Redis cache does when Redis is unreachable. */
function switchableCache(): Cache & { down: boolean } {
  const inner = createMemoryCache({ maxEntries: 1000 });
  const wrapped = { ...inner, down: false } as Cache & { down: boolean };
  wrapped.setIfAbsent = async (key, value, ttl) => {
    if (wrapped.down) throw new CacheError("setIfAbsent", "redis is unreachable");
    return inner.setIfAbsent(key, value, ttl);
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
});
