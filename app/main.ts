// `npm start`: the whole platform in one process — gateway and every subgraph, subgraphs called in-process.
// `npm run start:gateway`: the gateway alone, reaching subgraphs over HTTP at SUBGRAPH_URL_<NAME> (distributed mode).
// Either with `-- --engine hive [--planner rust|js]`: Hive Gateway instead of @apollo/gateway (gateway/engine.ts).
// In both, this process mounts the subgraphs' HTTP routes beside /graphql and runs the jobs (app/platform.ts).

import { createGatewayApp } from "../gateway/app.ts";
import { createAuthenticator } from "../gateway/auth/createAuthenticator.ts";
import { engineFromArgs, type GatewayEngine } from "../gateway/engine.ts";
import type { SubgraphTargets } from "../gateway/gatewayServer.ts";
import { subgraphReadiness } from "../gateway/subgraphReadiness.ts";
import { configOrExit, createProcessLogger, failStartup, openBackends } from "../platform/bootstrap.ts";
import { createCache } from "../platform/cache/createCache.ts";
import { type SubgraphName, subgraphUrl } from "../platform/config.ts";
import { shutdownOnSignals } from "../platform/shutdown.ts";
import { startTelemetry } from "../platform/telemetry/telemetry.ts";
import { createSubgraphServers, MANIFESTS, mountSubgraphRoutes, startJobs } from "./platform.ts";

const distributed = process.argv.includes("--distributed");
let engine: GatewayEngine;
try {
  engine = engineFromArgs(process.argv.slice(2));
} catch (error) {
  failStartup((error as Error).message);
}
const config = configOrExit();
const log = createProcessLogger(config, "gateway");
// Traces and metrics first, so that everything created below is instrumented (platform/telemetry/).
const telemetry = await startTelemetry({ config, log, service: distributed ? "gateway" : "platform" });
const closers: (() => Promise<void>)[] = [() => telemetry.close()];

if (config.SIMULATORS && !distributed) {
  const { startSimulators } = await import("../simulators/start.ts");
  try {
    const simulators = await startSimulators(config, log);
    closers.push(() => simulators.close());
  } catch (error) {
    failStartup(
      `cannot start the simulators (${(error as Error).message}) — set MONSTRASBOURG_URL to a free port, or SIMULATORS=false`,
    );
  }
}

let targets: SubgraphTargets;
let readiness: Record<string, () => Promise<void>>;
let cache: ReturnType<typeof createCache>;
if (distributed) {
  cache = createCache(config, log);
  targets = {
    mode: "http",
    urls: new Map(
      MANIFESTS.map((manifest) => [manifest.name, subgraphUrl(config, manifest.name as SubgraphName)]),
    ),
  };
  readiness = { cache: () => cache.ping() };
  for (const [name, url] of targets.urls) readiness[name] = subgraphReadiness(name, url);
} else {
  // Loaded here only: the gateway of distributed mode opens no database and loads no subgraph's stores.
  const { prepareDatabase } = await import("./database.ts");
  const backends = await openBackends(config, log, prepareDatabase(config, log));
  telemetry.observeOutboxes(backends.db);
  cache = backends.cache;
  const servers = await createSubgraphServers({ config, log, ...backends });
  targets = { mode: "in-process", servers };
  readiness = { database: () => backends.db.ping(), cache: () => backends.cache.ping() };
  closers.push(() => backends.db.close());
  for (const server of servers.values()) closers.push(() => server.stop());
}
closers.push(() => cache.close());

const authenticate = createAuthenticator(config, cache, log);
const reached = (name: string) =>
  targets.mode === "http" ? targets.urls.has(name) : targets.servers.has(name);
const { app, client } = await createGatewayApp({
  config,
  log,
  cache,
  targets,
  authenticate,
  readiness,
  engine,
  // The subgraphs' HTTP routes (Open311, photos, open data), as their manifests declare them.
  routes: (app, client) => mountSubgraphRoutes(app, { config, log, cache, client, authenticate }, reached),
});
// The platform's jobs (accounts deleted upstream, retention) and the manifests' (directory synchronisation, the
// sweep of photo uploads), all through the subgraph client: in-process here, or over HTTP in distributed mode.
const stopJobs = startJobs({ config, log, cache, client });
closers.push(stopJobs);
try {
  await app.listen({ host: config.HOST, port: config.PORT });
} catch (error) {
  failStartup(
    `cannot listen on ${config.HOST}:${config.PORT} (${(error as Error).message}) — set PORT or HOST`,
  );
}
log.info(
  {
    mode: distributed ? "distributed" : "single-process",
    engine: engine.name === "hive" ? `hive (${engine.planner} planner)` : "apollo",
    database: config.embedded.database ? "pglite" : "postgres",
  },
  `Parvis is ready: http://${config.HOST}:${config.PORT}/graphql`,
);

// SIGTERM: drain HTTP within SHUTDOWN_GRACE_SECONDS, then stop the jobs and the worker and close the pools
// (platform/shutdown.ts).
shutdownOnSignals({ app, graceSeconds: config.SHUTDOWN_GRACE_SECONDS, log, closers: closers.reverse() });
