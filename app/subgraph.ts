// `npm run start:subgraph -- <name>`: one subgraph in its own process (distributed mode), listening on the
// port of its SUBGRAPH_URL_<NAME>. Needs DATABASE_URL: the embedded database belongs to one process only.
import { configOrExit, createProcessLogger, failStartup, openBackends } from "../platform/bootstrap.ts";
import { type SubgraphName, subgraphUrl } from "../platform/config.ts";
import { httpClient } from "../platform/internalClient.ts";
import { shutdownOnSignals } from "../platform/shutdown.ts";
import { createSubgraphApp } from "../platform/subgraphApp.ts";
import { createSubgraphServer } from "../platform/subgraphServer.ts";
import { startTelemetry } from "../platform/telemetry/telemetry.ts";
import { prepareDatabase } from "./database.ts";
import { MANIFESTS, subgraphsHoldingPersonalData } from "./platform.ts";

const name = process.argv[2];
const module = await MANIFESTS.find((manifest) => manifest.name === name)?.load();
if (!module) {
  failStartup(`usage: npm run start:subgraph -- <${MANIFESTS.map((m) => m.name).join("|")}>`);
}
const config = configOrExit();
if (config.embedded.database) {
  failStartup(
    "a stand-alone subgraph needs DATABASE_URL (PostgreSQL): the embedded database serves one process only",
  );
}
const log = createProcessLogger(config, module.name);
const telemetry = await startTelemetry({ config, log, service: module.name });
const backends = await openBackends(config, log, prepareDatabase(config, log));
// This subgraph's own outbox only: the processes of distributed mode share one database.
telemetry.observeOutboxes(backends.db, [module.name]);
const deps = {
  config,
  log,
  ...backends,
  internal: httpClient(config, subgraphsHoldingPersonalData(), {
    log: log.child({ component: "subgraph-client" }),
  }),
};
const server = await createSubgraphServer(module, deps);
const app = await createSubgraphApp(server, deps);
const url = new URL(subgraphUrl(config, module.name as SubgraphName));
try {
  await app.listen({ host: url.hostname, port: Number(url.port) });
} catch (error) {
  failStartup(
    `cannot listen on ${url.host} (${(error as Error).message}) — check SUBGRAPH_URL_${module.name.toUpperCase()}`,
  );
}
log.info(`subgraph ${module.name} is ready: ${url.href}`);

// SIGTERM: drain HTTP within SHUTDOWN_GRACE_SECONDS, then stop the subgraph's services and close the pools.
shutdownOnSignals({
  app,
  graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
  log,
  closers: [
    () => server.stop(),
    () => backends.db.close(),
    () => backends.cache.close(),
    () => telemetry.close(),
  ],
});
