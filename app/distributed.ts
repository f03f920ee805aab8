// `npm run start:distributed`: the whole platform as separate processes on PostgreSQL and Redis — the simulators,
// every subgraph, the notifications worker and the gateway — as production runs them, from one terminal. The
// database is migrated (and seeded with the demo data when empty) first; each process's output is prefixed with
// its name; Ctrl-C (SIGINT) or SIGTERM stops them all, the gateway first; if one dies, all are stopped.
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { configOrExit, createProcessLogger, failStartup } from "../platform/bootstrap.ts";
import { createCache } from "../platform/cache/createCache.ts";
import { type SubgraphName, subgraphUrl } from "../platform/config.ts";
import { openDatabase } from "../platform/db/database.ts";
import { applyMigrations } from "../prisma/migrations.ts";
import { MANIFESTS } from "./platform.ts";
import { isDatabaseEmpty, seedDemo } from "./seed.ts";

const ROOT = new URL("../", import.meta.url);
const STOP_GRACE_MS = 10_000;

interface Part {
  name: string;
  script: string;
  args?: string[];
  /** Where it listens once ready (none for the worker). */
  url?: string;
}

const config = configOrExit();
if (config.embedded.database || config.embedded.cache) {
  failStartup(
    "npm run start:distributed needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL, for example " +
      "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/parvis REDIS_URL=redis://127.0.0.1:6379 " +
      "(`npm start` runs everything in one process without them)",
  );
}
const log = createProcessLogger(config, "distributed");
await prepareBackends();

const simulators: Part[] = config.SIMULATORS
  ? [{ name: "simulators", script: "simulators/main.ts", url: config.MONSTRASBOURG_URL }]
  : [];
const subgraphs: Part[] = MANIFESTS.map((manifest) => ({
  name: manifest.name,
  script: "app/subgraph.ts",
  args: [manifest.name],
  url: subgraphUrl(config, manifest.name as SubgraphName),
}));
const front: Part[] = [
  { name: "worker", script: "app/worker.ts" },
  {
    name: "gateway",
    script: "app/main.ts",
    args: ["--distributed"],
    url: `http://127.0.0.1:${config.PORT}`,
  },
];
const width = Math.max(...[...simulators, ...subgraphs, ...front].map((part) => part.name.length));
const running = new Map<string, ChildProcess>();
let stopping = false;

process.on("SIGINT", () => void stopAll("SIGINT", 0));
process.on("SIGTERM", () => void stopAll("SIGTERM", 0));

// Simulators first (the subgraphs read from them), then the subgraphs, then what calls the subgraphs.
for (const stage of [simulators, subgraphs, front]) {
  await Promise.all(stage.map(start));
  if (stopping) break;
}
if (!stopping) {
  process.stdout.write(
    `${"parvis".padEnd(width)} | Parvis (distributed, ${running.size} processes) is ready: http://localhost:${config.PORT}/graphql — Ctrl-C stops everything\n`,
  );
}

/**
 * One metrics port per process on this machine (METRICS_PORT set): the gateway's, then each subgraph's in
 * registry order, then the worker's. The simulators have none.
 */
function metricsPortOf(part: Part): Record<string, string> {
  if (config.METRICS_PORT === undefined || config.METRICS_PORT === 0) return {};
  const order = ["gateway", ...MANIFESTS.map((manifest) => manifest.name), "worker"];
  const offset = order.indexOf(part.name);
  return offset === -1 ? { METRICS_PORT: "" } : { METRICS_PORT: String(config.METRICS_PORT + offset) };
}

/** Migrates the database, seeds it when empty (as the first embedded start does), and checks Redis answers. */
async function prepareBackends(): Promise<void> {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(config, log);
  } catch (error) {
    failStartup(`cannot reach DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await applyMigrations(db, log);
    if (config.SEED_ON_FIRST_START && (await isDatabaseEmpty(db))) {
      log.info("empty database: loading the Strasbourg demo data");
      await seedDemo(db, log, config);
    }
  } finally {
    await db.close();
  }
  const cache = createCache(config, log);
  try {
    await cache.ping();
  } catch (error) {
    failStartup(`cannot reach REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await cache.close().catch(() => {});
  }
}

/** Starts one process, prefixes its output, and resolves once it listens (or at once for the worker). */
async function start(part: Part): Promise<void> {
  if (stopping) return;
  const child = spawn(process.execPath, [new URL(part.script, ROOT).pathname, ...(part.args ?? [])], {
    cwd: ROOT.pathname,
    env: { ...process.env, ...metricsPortOf(part) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.set(part.name, child);
  const prefix = `${part.name.padEnd(width)} | `;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on("line", (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  child.on("exit", (code, signal) => {
    running.delete(part.name);
    if (!stopping) {
      process.stdout.write(`${prefix}exited (${signal ?? `code ${code}`}): stopping everything\n`);
      void stopAll("exit", 1);
    }
  });
  if (part.url) await listening(part.url, child);
}

/** Waits until something accepts connections on the URL's port, or the process is gone. */
async function listening(url: string, child: ChildProcess): Promise<void> {
  const { hostname, port } = new URL(url);
  const deadline = Date.now() + 120_000;
  while (!stopping && child.exitCode === null && Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: hostname === "localhost" ? "127.0.0.1" : hostname, port: Number(port) });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops the gateway first, then the worker, the subgraphs and the simulators; forces after a grace period. */
async function stopAll(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ reason }, "stopping every process");
  for (const name of [...running.keys()].reverse()) {
    const child = running.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  process.exit(exitCode);
}
