import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryCache } from "./cache/memoryCache.ts";
import { createLogger } from "./logger.ts";
import {
  ALL_TYPES,
  invalidatePublicCache,
  noteRecordedEvents,
  registerEventCache,
  typesForEvent,
  versionKey,
  withEventScope,
} from "./publicCache.ts";

const log = createLogger({ level: "silent", name: "test" });

describe("public cache invalidation by domain events", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("maps an event to the types it may change, and an unknown one to every type", () => {
    expect(typesForEvent("petition.published")).toEqual(["Petition"]);
    expect(typesForEvent("budget.phase_changed")).toEqual(["BudgetCampaign", "BudgetProject"]);
    expect(typesForEvent("unheard.of")).toEqual([ALL_TYPES]);
  });

  it("bumps a version per type", async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    await invalidatePublicCache(cache, ["Petition", "Petition", "Report"]);
    await invalidatePublicCache(cache, ["Petition"]);
    expect(
      await cache.getMany?.([versionKey("Petition"), versionKey("Report"), versionKey("Place")]),
    ).toEqual(["2", "1", undefined]);
  });

  it("bumps the types of the events recorded in a scope once the work is done, even when it fails", async () => {
    const cache = createMemoryCache({ maxEntries: 100 });
    let seenDuringWork: string | undefined;
    const result = await withEventScope(cache, log, async () => {
      await Promise.resolve();
      noteRecordedEvents(["report.status_changed"]);
      seenDuringWork = await cache.get(versionKey("Report"));
      return 42;
    });
    expect(result).toBe(42);
    expect(seenDuringWork).toBeUndefined();
    expect(await cache.get(versionKey("Report"))).toBe("1");

    await expect(
      withEventScope(cache, log, async () => {
        noteRecordedEvents(["report.rerouted"]);
        throw new Error("failed after commit");
      }),
    ).rejects.toThrow("failed after commit");
    expect(await cache.get(versionKey("Report"))).toBe("2");
    // Nothing recorded, nothing bumped.
    await withEventScope(cache, log, () => undefined);
    expect(await cache.get(versionKey("Report"))).toBe("2");
  });

  it("bumps events recorded outside any scope a moment later, on every registered cache", async () => {
    vi.useFakeTimers();
    const cache = createMemoryCache({ maxEntries: 100 });
    registerEventCache(cache);
    noteRecordedEvents(["initiative.cancelled"]);
    expect(await cache.get(versionKey("Initiative"))).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(await cache.get(versionKey("Initiative"))).toBe("1");
    await cache.close();
  });
});
