// A fresh, migrated database per caller, so test files run in parallel without seeing each other's rows.
// Embedded run: PGlite in memory. Services run (PARVIS_TEST_BACKEND=services): a new uniquely named database on
// the server of DATABASE_URL, dropped again at close. Inside a vitest run both start from the run's template of
// the kind asked for (empty, migrated, seeded — see databaseTemplates.ts) instead of migrating and seeding again.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { seedDatabase, seedDemo } from "../app/seed.ts";
import { type Config, loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db/database.ts";
import { createLogger, type Logger } from "../platform/logger.ts";
import { applyMigrations } from "../prisma/migrations.ts";
import { fromPgliteTemplate, serverTemplate, type TemplateKind, testRunId } from "./databaseTemplates.ts";

export type TestDatabase = Database & { config: Config };

export interface TestDatabaseOptions {
  log?: Logger;
  /** Loads the demo data (communes, quartiers) after migrating. */
  seed?: boolean | "demo";
  /** Skips the migrations (for tests of the migration runner itself). */
  migrate?: boolean;
}

/** Accepts a logger (createTestDatabase(log)) or options (createTestDatabase({ seed: true })). */
export async function createTestDatabase(logOrOptions?: Logger | TestDatabaseOptions): Promise<TestDatabase> {
  const options: TestDatabaseOptions = isLogger(logOrOptions) ? { log: logOrOptions } : (logOrOptions ?? {});
  const log = options.log ?? createLogger({ level: process.env.LOG_LEVEL ?? "silent", name: "test-db" });
  const kind: TemplateKind =
    options.migrate === false
      ? "empty"
      : options.seed === "demo"
        ? "demo"
        : options.seed
          ? "seeded"
          : "migrated";
  const prepare = async (db: Database) => {
    if (kind !== "empty") await applyMigrations(db, log);
    if (kind === "seeded") await seedDatabase(db, log);
    if (kind === "demo") await seedDemo(db, log);
  };
  const run = testRunId();
  const onServer = process.env.PARVIS_TEST_BACKEND === "services";
  // An empty server database costs nothing to create: no template for it (PGlite's initdb is what costs).
  const template = run && !(onServer && kind === "empty") ? { run, kind, prepare } : undefined;
  const { db, config } = onServer
    ? await openServerDatabase(log, template)
    : await openMemoryDatabase(log, template);
  if (!template) {
    try {
      await prepare(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return Object.assign(db, { config });
}

interface FromTemplate {
  run: string;
  kind: TemplateKind;
  /** Migrates and seeds a new database as the kind requires (builds the template). */
  prepare(db: Database): Promise<void>;
}

function isLogger(value: unknown): value is Logger {
  return typeof value === "object" && value !== null && typeof (value as Logger).info === "function";
}

async function openMemoryDatabase(
  log: Logger,
  template?: FromTemplate,
): Promise<{ db: Database; config: Config }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: "memory://" });
  const open = (pgliteLoadDataDir?: Blob) =>
    openDatabase(config, log, {
      pgliteDataDir: "memory://",
      ...(pgliteLoadDataDir ? { pgliteLoadDataDir } : {}),
    });
  if (!template) return { db: await open(), config };
  return {
    db: await fromPgliteTemplate(
      template.run,
      template.kind,
      async () => {
        const db = await open();
        try {
          await template.prepare(db);
        } catch (error) {
          await db.close();
          throw error;
        }
        const { dumpDataDir } = db;
        if (!dumpDataDir) throw new Error("PGlite cannot dump its data folder");
        return { value: db, dump: () => dumpDataDir() };
      },
      open,
    ),
    config,
  };
}

async function openServerDatabase(
  log: Logger,
  template?: FromTemplate,
): Promise<{ db: Database; config: Config }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error(
      "PARVIS_TEST_BACKEND=services needs DATABASE_URL (a server where tests may create databases)",
    );
  // Lower-case letters and digits only: no quoting surprises, and easy to spot (and clean up) on the server.
  const name = `parvis_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  // Small pools: many test files run at once against one server.
  const configFor = (databaseUrl: string) =>
    loadConfig({ ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: "4" });
  if (template) {
    const templateName = await serverTemplate(serverUrl, template.run, template.kind, async (databaseUrl) => {
      const source = await openDatabase(configFor(databaseUrl), log);
      try {
        await template.prepare(source);
      } finally {
        await source.close();
      }
    });
    await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
  } else {
    await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  }

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const config = configFor(url.href);
  let db: Database;
  try {
    db = await openDatabase(config, log);
  } catch (error) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}"`);
    throw error;
  }
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    // WITH (FORCE) (PostgreSQL 13+) ends connections a test may have leaked, so the drop cannot hang.
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return { db, config };
}

/** CREATE/DROP DATABASE cannot run inside the database concerned: use a short-lived connection to the server URL. */
async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
