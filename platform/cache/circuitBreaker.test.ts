import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../logger.ts";
import { createCacheBreaker } from "./circuitBreaker.ts";

const skipped = () => new Error("skipped");

describe("cache circuit breaker", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // A fake Redis: counts the commands that reached it, fails while `down`.
  const fakeRedis = () => {
    const state = { down: true, calls: 0 };
    const command = async () => {
      state.calls += 1;
      if (state.down) throw new Error("Command timed out");
      return "value";
    };
    return { state, command };
  };
  const make = () =>
    createCacheBreaker({ failures: 3, openMs: 5_000, log: createLogger({ level: "silent" }) });

  it("after 3 failures in a row, skips the backend without calling it until the period is over", async () => {
    const breaker = make();
    const redis = fakeRedis();
    for (let i = 0; i < 3; i++)
      await expect(breaker.execute(redis.command, skipped)).rejects.toThrow("timed out");
    expect(redis.state.calls).toBe(3);
    for (let i = 0; i < 50; i++)
      await expect(breaker.execute(redis.command, skipped)).rejects.toThrow("skipped");
    expect(redis.state.calls).toBe(3);
  });

  it("a success in between resets the count: scattered failures never open it", async () => {
    const breaker = make();
    const redis = fakeRedis();
    for (let i = 0; i < 5; i++) {
      redis.state.down = true;
      await breaker.execute(redis.command, skipped).catch(() => undefined);
      await breaker.execute(redis.command, skipped).catch(() => undefined);
      redis.state.down = false;
      await expect(breaker.execute(redis.command, skipped)).resolves.toBe("value");
    }
    expect(redis.state.calls).toBe(15);
  });

  it("probes once after the period: a failed probe skips for another period, a good one closes it", async () => {
    const breaker = make();
    const redis = fakeRedis();
    for (let i = 0; i < 3; i++) await breaker.execute(redis.command, skipped).catch(() => undefined);
    vi.advanceTimersByTime(5_001);
    await expect(breaker.execute(redis.command, skipped)).rejects.toThrow("timed out");
    expect(redis.state.calls).toBe(4);
    await expect(breaker.execute(redis.command, skipped)).rejects.toThrow("skipped");
    expect(redis.state.calls).toBe(4);

    redis.state.down = false;
    vi.advanceTimersByTime(5_001);
    await expect(breaker.execute(redis.command, skipped)).resolves.toBe("value");
    await expect(breaker.execute(redis.command, skipped)).resolves.toBe("value");
    expect(redis.state.calls).toBe(6);
  });
});
