// Runs the Strasbourg.eu simulator standalone:
//   node_modules/.bin/node simulators/strasbourg-eu/main.ts
// Configuration: STRASBOURG_EU_SIMULATOR_PORT (4201), _HOST (127.0.0.1), _USERNAME / _PASSWORD (HTTP Basic of the
// agenda endpoints), _LATENCY_MS, _ERROR_RATE, _DOWN (true | 503 | reset). Refuses NODE_ENV=production.
import { faultsFromEnv } from "./faults.ts";
import { DEFAULT_CREDENTIALS, startStrasbourgEuSimulator } from "./index.ts";

function fail(message: string): never {
  process.stderr.write(`strasbourg-eu-simulator: ${message}\n`);
  process.exit(1);
}

if (process.env.NODE_ENV === "production")
  fail("refusing to start with NODE_ENV=production: development simulator");
const env = process.env;
const port = Number(env.STRASBOURG_EU_SIMULATOR_PORT ?? 4201);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail("STRASBOURG_EU_SIMULATOR_PORT must be a port number");
let simulator: Awaited<ReturnType<typeof startStrasbourgEuSimulator>>;
try {
  simulator = await startStrasbourgEuSimulator({
    port,
    host: env.STRASBOURG_EU_SIMULATOR_HOST ?? "127.0.0.1",
    credentials: {
      username: env.STRASBOURG_EU_SIMULATOR_USERNAME ?? DEFAULT_CREDENTIALS.username,
      password: env.STRASBOURG_EU_SIMULATOR_PASSWORD ?? DEFAULT_CREDENTIALS.password,
    },
    faults: faultsFromEnv(env, "STRASBOURG_EU_SIMULATOR"),
  });
} catch (error) {
  fail((error as Error).message);
}
process.stdout.write(`Strasbourg.eu simulator ready: ${simulator.url}/api/jsonws/place.place/get-places\n`);
const stop = async () => {
  await simulator.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
