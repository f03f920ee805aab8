// Runs the open-data portal simulator standalone:
//   node_modules/.bin/node simulators/opendata/main.ts
// Configuration: OPENDATA_SIMULATOR_PORT (4202), _HOST (127.0.0.1), _LATENCY_MS, _ERROR_RATE, _DOWN (true | 503 |
// reset). Refuses NODE_ENV=production.
import { faultsFromEnv } from "../strasbourg-eu/faults.ts";
import { startOpenDataSimulator } from "./index.ts";

function fail(message: string): never {
  process.stderr.write(`opendata-simulator: ${message}\n`);
  process.exit(1);
}

if (process.env.NODE_ENV === "production")
  fail("refusing to start with NODE_ENV=production: development simulator");
const port = Number(process.env.OPENDATA_SIMULATOR_PORT ?? 4202);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail("OPENDATA_SIMULATOR_PORT must be a port number");
let simulator: Awaited<ReturnType<typeof startOpenDataSimulator>>;
try {
  simulator = await startOpenDataSimulator({
    port,
    host: process.env.OPENDATA_SIMULATOR_HOST ?? "127.0.0.1",
    faults: faultsFromEnv(process.env, "OPENDATA_SIMULATOR"),
  });
} catch (error) {
  fail((error as Error).message);
}
process.stdout.write(
  `Open-data portal simulator ready: ${simulator.url}/api/explore/v2.1/catalog/datasets\n`,
);
const stop = async () => {
  await simulator.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
