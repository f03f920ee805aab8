// Database templates of one test run: every test file used to create, migrate and seed its own database (on a
// loaded CI machine ~10 s per PGlite: initdb, 12 migrations, the demo seed). Now the first file of the run that
// needs a kind of database (empty, migrated, seeded) builds it once, and the others start from a copy:
//   embedded: a PGlite data folder tarball in the run's temporary folder, loaded by PGlite.create({ loadDataDir });
//   services: a template database on the server, cloned by CREATE DATABASE … TEMPLATE (a file copy).
// Each file still gets its own database: isolation is unchanged. The run id comes from vitest.config.ts
// (PARVIS_TEST_RUN); without it (the benchmark, a script) databases are built from scratch as before.
// tests/support/globalSetup.ts removes the run's templates when the run ends.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** "seeded": the reference data (communes, quartiers…); "demo": everything `npm run seed` shows a newcomer. */
export type TemplateKind = "empty" | "migrated" | "seeded" | "demo";

/** The run's id (letters and digits), or undefined outside a vitest run. */
export function testRunId(): string | undefined {
  const run = process.env.PARVIS_TEST_RUN;
  return run && /^[a-z0-9]+$/.test(run) ? run : undefined;
}

export function pgliteTemplatesDir(run: string): string {
  return join(tmpdir(), `parvis-test-templates-${run}`);
}

export function serverTemplatePrefix(run: string): string {
  return `parvis_test_tpl_${run}_`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A lock older than this was left by a killed worker: take it over. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * A PGlite database of this kind. The first worker of the run to ask (it takes a lock file created with O_EXCL)
 * builds one, keeps it, and saves its data folder as a tarball; the others wait for the tarball and load it. The
 * tarball is written under a temporary name and renamed: readers see all or nothing.
 */
export async function fromPgliteTemplate<T>(
  run: string,
  kind: TemplateKind,
  build: () => Promise<{ value: T; dump: () => Promise<Blob> }>,
  load: (tarball: Blob) => Promise<T>,
): Promise<T> {
  const dir = pgliteTemplatesDir(run);
  const path = join(dir, `${kind}.tar`);
  const lockPath = `${path}.lock`;
  mkdirSync(dir, { recursive: true });
  for (;;) {
    if (existsSync(path)) return load(new Blob([readFileSync(path)]));
    let lock: number;
    try {
      lock = openSync(lockPath, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (
        Date.now() - (statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) >
        STALE_LOCK_MS
      ) {
        rmSync(lockPath, { force: true });
      }
      await sleep(100);
      continue;
    }
    try {
      if (existsSync(path)) continue; // built meanwhile: load it (the lock is released below)
      const { value, dump } = await build();
      writeFileSync(`${path}.partial`, new Uint8Array(await (await dump()).arrayBuffer()));
      renameSync(`${path}.partial`, path);
      return value;
    } finally {
      closeSync(lock);
      rmSync(lockPath, { force: true });
    }
  }
}

/**
 * The name of the server's template database of this kind, built by `build(url)` in exactly one worker (a
 * PostgreSQL advisory lock on the template's name) under a temporary name, then renamed and closed to
 * connections, as a template must have none while it is cloned.
 */
export async function serverTemplate(
  serverUrl: string,
  run: string,
  kind: TemplateKind,
  build: (databaseUrl: string) => Promise<void>,
): Promise<string> {
  const name = `${serverTemplatePrefix(run)}${kind}`;
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      const url = new URL(serverUrl);
      url.pathname = `/${building}`;
      await build(url.href);
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    }
    return name;
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [name]).catch(() => {});
    await client.end();
  }
}

/** Drops the run's template databases (globalSetup's teardown). */
export async function dropServerTemplates(serverUrl: string, run: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [serverTemplatePrefix(run)],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
