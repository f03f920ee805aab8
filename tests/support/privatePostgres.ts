// A private PostgreSQL server (initdb + pg_ctl in a temporary folder, on a free port), for tests that stop the
// database: never the shared server (127.0.0.1:5432). fsync off: it lives for one test file.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./freePort.ts";

const execute = promisify(execFile);

/** PostgreSQL refuses to run as root: as root (CI containers), its tools run as the `postgres` user. */
const asRoot = process.getuid?.() === 0;
const run = (tool: string, args: string[]) =>
  asRoot ? execute("runuser", ["-u", "postgres", "--", tool, ...args]) : execute(tool, args);

export interface PrivatePostgres {
  /** URL of the database `parvis` on it. */
  url: string;
  /** Immediate shutdown: open connections are cut, as in a crash. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), "parvis-pg-"));
  if (asRoot) await execute("chown", ["postgres", dir]);
  const data = join(dir, "data");
  const port = await freePort();
  await run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = async () => {
    await run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "20", "start"]);
  };
  const stop = async () => {
    await run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
  };
  await start();
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query("CREATE DATABASE parvis");
  await admin.end();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/parvis`,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
