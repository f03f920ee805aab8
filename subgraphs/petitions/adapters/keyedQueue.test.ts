import { describe, expect, it } from "vitest";
import { keyedQueue } from "./keyedQueue.ts";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("keyedQueue", () => {
  it("runs work on one key one at a time, in order, and keys independently", async () => {
    const queue = keyedQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const job = (key: string, label: string) =>
      queue.run(key, async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        log.push(`start ${label}`);
        await tick();
        log.push(`end ${label}`);
        running--;
        return label;
      });
    const results = await Promise.all([job("a", "a1"), job("a", "a2"), job("a", "a3")]);
    expect(results).toEqual(["a1", "a2", "a3"]);
    expect(log).toEqual(["start a1", "end a1", "start a2", "end a2", "start a3", "end a3"]);
    expect(maxRunning).toBe(1);
    maxRunning = 0;
    await Promise.all([job("x", "x1"), job("y", "y1")]);
    expect(maxRunning).toBe(2);
    await tick();
    expect(queue.size).toBe(0);
  });

  it("keeps going after a failure, which reaches only its own caller", async () => {
    const queue = keyedQueue();
    const failed = queue.run("a", async () => {
      throw new Error("boom");
    });
    const next = queue.run("a", async () => "after");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("after");
  });
});
