import { describe, expect, it } from "vitest";
import { semaphore } from "./semaphore.ts";

describe("semaphore", () => {
  it("runs at most `limit` tasks at once, in arrival order, and survives failures", async () => {
    const run = semaphore(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) =>
      run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(n);
        active--;
        if (n === 3) throw new Error("boom");
        return n;
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(task));
    expect(peak).toBe(2);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await run(async () => "after")).toBe("after");
  });
});
