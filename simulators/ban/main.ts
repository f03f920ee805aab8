// Runs the Base Adresse Nationale search simulator standalone:
//   node_modules/.bin/node simulators/ban/main.ts
// Configuration: BAN_SIMULATOR_PORT (4203), _HOST (127.0.0.1), _LATENCY_MS, _ERROR_RATE, _DOWN (true | 503 |
// reset). Refuses NODE_ENV=production.
import { faultsFromEnv } from "../strasbourg-eu/faults.ts";
import { startBanSimulator } from "./index.ts";

function fail(message: string): never {
  process.stderr.write(`ban-simulator: ${message}\n`);
  process.exit(1);
}

if (process.env.NODE_ENV === "production")
  fail("refusing to start with NODE_ENV=production: development simulator");
const port = Number(process.env.BAN_SIMULATOR_PORT ?? 4203);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail("BAN_SIMULATOR_PORT must be a port number");
let simulator: Awaited<ReturnType<typeof startBanSimulator>>;
try {
  simulator = await startBanSimulator({
    port,
    host: process.env.BAN_SIMULATOR_HOST ?? "127.0.0.1",
    faults: faultsFromEnv(process.env, "BAN_SIMULATOR"),
  });
} catch (error) {
  fail((error as Error).message);
}
process.stdout.write(`Base Adresse Nationale simulator ready: ${simulator.url}/search/?q=…\n`);
