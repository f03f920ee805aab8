import { describe, expect, it, vi } from "vitest";
import { recordSignIn } from "../../subgraphs/identity/domain/recordSignIn.ts";
import type { AccountStore } from "../../subgraphs/identity/ports/accountStore.ts";
import type { Caller } from "../caller.ts";
import type { Cache } from "./cache.ts";
import { CacheError } from "./cacheError.ts";
import { createMemoryCache } from "./memoryCache.ts";
import { withCacheOutagePolicy } from "./outagePolicy.ts";

/** A cache whose backend is unreachable: every call fails as the Redis cache fails during an outage. */
function downCache(): Cache {
  const fail = (operation: string) => () => Promise.reject(new CacheError(operation, "redis is unreachable"));
  return {
    kind: "redis",
    get: fail("get"),
    set: fail("set"),
    delete: fail("delete"),
    setIfAbsent: fail("setIfAbsent"),
    increment: fail("increment"),
    ping: fail("ping"),
    close: async () => {},
  };
}

describe("cache outage policy", () => {
  it("answers the fallback when the cache is unreachable, and lets other errors through", async () => {
    const cache = downCache();
    await expect(
      withCacheOutagePolicy(
        "rateLimit",
        async () => (await cache.increment("k", 1)).value > 0,
        () => true,
      ),
    ).resolves.toBe(true);
    await expect(
      withCacheOutagePolicy(
        "rateLimit",
        () => Promise.reject(new TypeError("bug")),
        () => "open",
      ),
    ).rejects.toThrow(TypeError);
  });

  it("keeps sign-in bookkeeping in process while the cache is down: one write per window, no failure", async () => {
    const upsertFromSignIn = vi.fn(async () => {});
    const store = { upsertFromSignIn } as unknown as AccountStore;
    const caller = {
      kind: "citizen",
      accountId: "0190a0b0-0000-7000-8000-000000000001",
      roles: ["CITIZEN"],
      subject: "monstrasbourg-subject-1",
      verificationLevel: "basic",
    } as unknown as Caller;
    const cache = downCache();
    await recordSignIn(caller, store, cache);
    await recordSignIn(caller, store, cache);
    expect(upsertFromSignIn).toHaveBeenCalledTimes(1);
    // With a working cache the shared window decides, as before.
    const memory = createMemoryCache({ maxEntries: 100 });
    await recordSignIn(caller, store, memory);
    await recordSignIn(caller, store, memory);
    expect(upsertFromSignIn).toHaveBeenCalledTimes(2);
  });
});
