// The publication schedule: a burst of events makes one run after the quiet period, runs never overlap, a failed
// run is retried later, and the daily interval runs on its own.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PublicationTrigger } from "../ports/publicationStore.ts";
import { type PublicationSchedule, startPublicationSchedule } from "./publicationSchedule.ts";

describe("publication schedule", () => {
  let schedule: PublicationSchedule | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(async () => {
    await schedule?.stop();
    vi.useRealTimers();
  });

  function start(
    options: { intervalMs?: number; debounceMs?: number; retryMs?: number },
    outcome: () => "succeeded" | "failed" = () => "succeeded",
  ) {
    const runs: PublicationTrigger[] = [];
    let active = 0;
    let overlapped = false;
    schedule = startPublicationSchedule({
      intervalMs: options.intervalMs ?? 0,
      debounceMs: options.debounceMs ?? 1000,
      retryMs: options.retryMs ?? 0,
      run: async (trigger) => {
        active++;
        if (active > 1) overlapped = true;
        runs.push(trigger);
        await new Promise((resolve) => setTimeout(resolve, 100));
        active--;
        return { status: outcome(), runId: `run-${runs.length}` };
      },
      onError: () => {},
    });
    return { runs, overlapped: () => overlapped };
  }

  it("runs once after a burst of events has stopped", async () => {
    const { runs } = start({ debounceMs: 1000 });
    for (let index = 0; index < 10; index++) {
      schedule?.changed();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1200);
    expect(runs).toEqual(["event"]);
  });

  it("never runs twice at once", async () => {
    const { runs, overlapped } = start({});
    const first = schedule?.runNow("manual");
    const second = schedule?.runNow("manual");
    await vi.advanceTimersByTimeAsync(500);
    expect(await first).toEqual({ status: "succeeded", runId: "run-1" });
    expect(await second).toEqual({ status: "succeeded", runId: "run-2" });
    expect(runs).toEqual(["manual", "manual"]);
    expect(overlapped()).toBe(false);
  });

  it("retries a failed run later, and runs daily", async () => {
    let fail = true;
    const { runs } = start({ retryMs: 5000, intervalMs: 86_400_000 }, () => (fail ? "failed" : "succeeded"));
    void schedule?.runNow("manual");
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toEqual(["manual"]);
    fail = false;
    await vi.advanceTimersByTimeAsync(5200);
    expect(runs).toEqual(["manual", "daily"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(runs).toEqual(["manual", "daily", "daily"]);
  });
});
