// `npm run start:worker`: the notifications delivery worker in its own process (distributed mode). It needs the
// notifications tables (DATABASE_URL: the embedded database serves one process only) and reaches the emitting
// subgraphs' outbox operations and identity over HTTP at SUBGRAPH_URL_<NAME>, signed as the system caller with
// CALLER_SIGNING_SECRET. It serves no HTTP itself; several instances may run side by side (claims are leased).
import { configOrExit, createProcessLogger, failStartup, openBackends } from "../platform/bootstrap.ts";
import { loadCapabilities } from "../platform/capabilities.ts";
import { httpClient } from "../platform/internalClient.ts";
import { startTelemetry } from "../platform/telemetry/telemetry.ts";
import { startNotificationWorker } from "../subgraphs/notifications/worker.ts";
import { prepareDatabase } from "./database.ts";

const config = configOrExit();
if (config.embedded.database) {
  failStartup(
    "the stand-alone worker needs DATABASE_URL (PostgreSQL): the embedded database serves one process only — inside `npm start` the worker already runs",
  );
}
const log = createProcessLogger(config, "notifications-worker");
const telemetry = await startTelemetry({ config, log, service: "worker" });
const backends = await openBackends(config, log, prepareDatabase(config, log));
const deps = {
  config,
  log,
  ...backends,
  internal: httpClient(config, loadCapabilities().personalData, {
    log: log.child({ component: "subgraph-client" }),
  }),
};
const stopWorker = startNotificationWorker(deps);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "stopping");
  // The pass in progress finishes (or its claims come back when their lease ends); then the backends close.
  await stopWorker();
  await backends.db.close();
  await backends.cache.close();
  await telemetry.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
