// `npm start`: the whole platform in one process — gateway and every subgraph, subgraphs called in-process.
// `npm run start:gateway`: the gateway alone, reaching subgraphs over HTTP at SUBGRAPH_URL_<NAME> (distributed mode).
// Either with `-- --engine hive [--planner rust|js]`: Hive Gateway instead of @apollo/gateway (gateway/engine.ts).

import {
  configOrExit,
  createProcessLogger,
  createSubgraphServers,
  failStartup,
  openBackends,
} from "../platform/bootstrap.ts";
import { createCache } from "../platform/cache/createCache.ts";
import { type SubgraphName, subgraphUrl } from "../platform/config.ts";
import { shutdownOnSignals } from "../platform/shutdown.ts";
import { startTelemetry } from "../platform/telemetry/telemetry.ts";
import { SYNC_DIRECTORY_MUTATION, scheduleDirectorySync } from "../subgraphs/directory/jobs/schedule.ts";
import { SUBGRAPHS } from "../subgraphs/registry.ts";
import { createGatewayApp } from "./app.ts";
import { createAuthenticator } from "./auth/createAuthenticator.ts";
import { engineFromArgs, type GatewayEngine } from "./engine.ts";
import type { SubgraphTargets } from "./gatewayServer.ts";
import { applyRetention } from "./jobs/applyRetention.ts";
import { schedule, syncDeletedAccounts } from "./jobs/syncDeletedAccounts.ts";
import { subgraphReadiness } from "./subgraphReadiness.ts";

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
    urls: new Map(SUBGRAPHS.map((module) => [module.name, subgraphUrl(config, module.name as SubgraphName)])),
  };
  readiness = { cache: () => cache.ping() };
  for (const [name, url] of targets.urls) readiness[name] = subgraphReadiness(name, url);
} else {
  const backends = await openBackends(config, log);
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
const { app, client } = await createGatewayApp({
  config,
  log,
  cache,
  targets,
  authenticate,
  readiness,
  engine,
});
const stopSync = schedule(
  () => syncDeletedAccounts(client, log.child({ job: "sync-deleted-accounts" })),
  config.MONSTRASBOURG_SYNC_INTERVAL_SECONDS,
  log,
  "sync-deleted-accounts",
);
closers.push(async () => stopSync());
const stopRetention = schedule(
  () => applyRetention(client, log.child({ job: "retention" })),
  config.RETENTION_INTERVAL_SECONDS,
  log,
  "retention",
);
closers.push(async () => stopRetention());
// Directory: synchronisation with Strasbourg.eu and the open-data portal through the directory's internal mutation
// (DIRECTORY_SYNC_INTERVAL_SECONDS, 0 = never; see subgraphs/directory/jobs/schedule.ts).
const stopDirectorySync = scheduleDirectorySync(
  () => client.request("directory", SYNC_DIRECTORY_MUTATION),
  config.DIRECTORY_SYNC_INTERVAL_SECONDS,
  log,
);
closers.push(async () => stopDirectorySync());
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
