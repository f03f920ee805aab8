// SIGTERM in the middle of a burst, sent to `npm start` as a container's runtime sends it to its command: every request is either answered (200, or
// 503 with Retry-After once draining) or refused before the process read it — never dropped after being read —
// idle keep-alive connections do not hold the process, and it exits within SHUTDOWN_GRACE_SECONDS.
// npm forwards the signal to its script's shell; the start scripts `exec node …`, so that shell is node itself and
// the signal reaches it (with a bare `node …` the shell died and node kept running, orphaned).
// Runs once (embedded project): the drain is the HTTP layer's, the same on both backends.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/freePort.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const GRACE_SECONDS = 5;
const QUERY = JSON.stringify({
  query: "{ quartiers(first: 5) { totalCount } communes(first: 3) { totalCount } }",
});

type Outcome = { id: string; status: number; retryAfter: string | null } | { id: string; error: string };

describe.skipIf(process.env.PARVIS_TEST_BACKEND === "services")("shutdown during a burst", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    // The whole group (npm and node): if the signal was not forwarded, node must not outlive the test.
    if (child?.pid) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });

  it("answers or refuses every request, never drops one it read, and exits within the grace period", async () => {
    const port = await freePort();
    child = spawn("npm", ["start", "--silent"], {
      cwd: ROOT,
      detached: true,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        LOG_LEVEL: "info",
        PORT: String(port),
        HOST: "127.0.0.1",
        PGLITE_DATA_DIR: "memory://",
        SEED_ON_FIRST_START: "false",
        SIMULATORS: "false",
        QUERY_PLAN_WARMUP: "false",
        SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number>((resolve) => child?.on("exit", (code) => resolve(code ?? -1)));
    await expect
      .poll(() => output.includes("Parvis is ready"), { timeout: 90_000, interval: 100 })
      .toBe(true);

    const url = `http://127.0.0.1:${port}/graphql`;
    const send = async (id: string): Promise<Outcome> => {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-request-id": id },
          body: QUERY,
        });
        await response.arrayBuffer();
        return { id, status: response.status, retryAfter: response.headers.get("retry-after") };
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        return { id, error: cause?.code ?? cause?.message ?? String(error) };
      }
    };

    // A burst over keep-alive connections; SIGTERM once the first answers are in, while others are in flight;
    // then more requests on the connections that stay open, and on new ones.
    const outcomes: Promise<Outcome>[] = [];
    for (let i = 0; i < 40; i++) outcomes.push(send(`burst-before-${i}`));
    await Promise.race(outcomes);
    let signalledAt = 0;
    const signalled = new Promise<void>((resolve) => {
      setImmediate(() => {
        signalledAt = performance.now();
        child?.kill("SIGTERM");
        resolve();
      });
    });
    await signalled;
    for (let i = 0; i < 20; i++) outcomes.push(send(`burst-after-${i}`));
    const results = await Promise.all(outcomes);
    const code = await exited;
    const tookMs = performance.now() - signalledAt;

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(GRACE_SECONDS * 1000);
    const answered = results.filter((result) => "status" in result);
    expect(answered.filter((result) => result.status === 200).length).toBeGreaterThan(0);
    for (const result of answered) {
      if (result.status !== 200) expect(result).toMatchObject({ status: 503, retryAfter: "5" });
    }
    // A request that got no answer must not have been read: the process never logged it.
    const read = new Set(
      output
        .split("\n")
        .filter((line) => line.includes('"request completed"'))
        .map((line) => (JSON.parse(line) as { requestId?: string }).requestId),
    );
    const unanswered = results.filter((result) => "error" in result);
    expect(unanswered.filter((result) => read.has(result.id))).toEqual([]);
    expect(answered.length + unanswered.length).toBe(60);
  }, 120_000);
});
