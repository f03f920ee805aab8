// `npm run simulators`: the simulators of the city's systems in their own process (MonStrasbourg.eu, Strasbourg.eu,
// the open-data portal, the national address base), on the ports of MONSTRASBOURG_URL, STRASBOURG_EU_URL, OPENDATA_URL and REPORTS_GEOCODER_URL — the same ones
// `npm start` embeds. Distributed mode (`npm run start:distributed`) runs it next to the subgraphs. Development only.
import { configOrExit, createProcessLogger, failStartup } from "../platform/bootstrap.ts";
import { startSimulators } from "./start.ts";

const config = configOrExit();
if (!config.SIMULATORS) failStartup("the simulators are off (SIMULATORS=false or NODE_ENV=production)");
const log = createProcessLogger(config, "simulators");
let simulators: Awaited<ReturnType<typeof startSimulators>>;
try {
  simulators = await startSimulators(config, log);
} catch (error) {
  failStartup(
    `cannot start the simulators (${(error as Error).message}) — set MONSTRASBOURG_URL to a free port`,
  );
}
log.info("simulators are ready");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await simulators.close().catch(() => {});
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
