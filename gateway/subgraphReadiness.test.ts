import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../platform/httpApp.ts";
import { createLogger } from "../platform/logger.ts";
import { subgraphReadiness } from "./subgraphReadiness.ts";

const log = createLogger({ level: "silent" });
const down = async () => {
  throw new Error("down");
};
const up = async () => undefined;

/** A subgraph's HTTP shell with the given dependency checks, listening on a free port. */
async function subgraph(readiness: Record<string, () => Promise<void>>): Promise<[FastifyInstance, string]> {
  const app = createHttpApp({ log, readiness });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return [app, `${address}/graphql`];
}

describe("gateway /ready in distributed mode", () => {
  const apps: FastifyInstance[] = [];
  const urls: Record<string, string> = {};
  beforeAll(async () => {
    for (const [name, readiness] of Object.entries({
      healthy: { database: up, cache: up },
      noDatabase: { database: down, cache: up },
      noCache: { database: up, cache: down },
    })) {
      const [app, url] = await subgraph(readiness);
      apps.push(app);
      urls[name] = url;
    }
    // A process that is not running: a port that was just freed.
    const [gone, goneUrl] = await subgraph({});
    await gone.close();
    urls.stopped = goneUrl;
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  const gatewayReady = async (names: string[]) => {
    const gateway = createHttpApp({
      log,
      readiness: Object.fromEntries(names.map((name) => [name, subgraphReadiness(name, urls[name] ?? "")])),
    });
    try {
      const response = await gateway.inject({ method: "GET", url: "/ready" });
      return [response.statusCode, response.json()];
    } finally {
      await gateway.close();
    }
  };

  it("tells a stopped subgraph from one whose database is down; either makes the gateway not ready (503)", async () => {
    expect(await gatewayReady(["healthy", "noDatabase", "stopped"])).toEqual([
      503,
      {
        status: "not_ready",
        checks: { healthy: "ok", noDatabase: "degraded (database unavailable)", stopped: "unavailable" },
      },
    ]);
  });

  it("a subgraph serving without its cache leaves the gateway ready, degraded (200)", async () => {
    expect(await gatewayReady(["healthy", "noCache"])).toEqual([
      200,
      { status: "degraded", checks: { healthy: "ok", noCache: "degraded (cache unavailable)" } },
    ]);
    expect(await gatewayReady(["healthy"])).toEqual([200, { status: "ready", checks: { healthy: "ok" } }]);
  });
});
