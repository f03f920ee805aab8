// `npm run start:distributed`: every part in its own process on PostgreSQL and Redis, from one command — a
// federated query answered through the gateway over HTTP, every process's output prefixed with its name, and
// Ctrl-C stopping them all. Without DATABASE_URL/REDIS_URL it refuses in one line saying what to set.
import type { ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import { SUBGRAPH_NAMES } from "../../platform/config.ts";
import { runEntryPoint } from "../support/entryPoint.ts";
import { freePlatformPort } from "../support/freePort.ts";

const MAIN = new URL("../../app/distributed.ts", import.meta.url).pathname;
const services = process.env.PARVIS_TEST_BACKEND === "services";

const launch = (env: Record<string, string>) => runEntryPoint(MAIN, env);

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

describe("npm run start:distributed", () => {
  let db: TestDatabase | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    }
    await db?.close();
  });

  it("refuses to start without PostgreSQL and Redis, saying what to set", async () => {
    const refused = launch({ DATABASE_URL: "", REDIS_URL: "" });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL/);
  });

  it.runIf(services)(
    "starts every part as its own process, answers a federated query, and stops them all on Ctrl-C",
    async () => {
      db = await createTestDatabase();
      const port = await freePlatformPort();
      const started = launch({
        DATABASE_URL: db.config.DATABASE_URL as string,
        REDIS_URL: process.env.REDIS_URL as string,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_POOL_MAX: "2",
        SEED_ON_FIRST_START: "false",
        DIRECTORY_SYNC_INTERVAL_SECONDS: "0",
        QUERY_PLAN_WARMUP: "false",
      });
      child = started.child;
      const deadline = Date.now() + 100_000;
      while (
        !started.output().includes("processes) is ready") &&
        Date.now() < deadline &&
        child.exitCode === null
      ) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(started.output()).toContain(
        `Parvis (distributed, ${SUBGRAPH_NAMES.length + 3} processes) is ready`,
      );

      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "{ quartiers(first: 1) { totalCount } petitions(first: 1) { totalCount } }",
        }),
      });
      expect(await response.json()).toEqual({
        data: { quartiers: { totalCount: 0 }, petitions: { totalCount: 0 } },
      });
      const ready = (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as { checks: object };
      expect(Object.keys(ready.checks)).toEqual(expect.arrayContaining([...SUBGRAPH_NAMES, "cache"]));
      for (const name of [...SUBGRAPH_NAMES, "simulators", "gateway"]) {
        expect(started.output()).toMatch(new RegExp(`^${name} +\\| `, "m"));
      }

      child.kill("SIGINT");
      expect(await started.exited).toBe(0);
      const ports = [port, ...SUBGRAPH_NAMES.map((_, index) => port + 101 + index), port + 200];
      expect(await Promise.all(ports.map(accepts))).toEqual(ports.map(() => false));
    },
    150_000,
  );
});
