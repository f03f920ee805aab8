// A fresh, migrated database per caller, so test files run in parallel without seeing each other's rows.
// Embedded run: PGlite in memory. Services run (PARVIS_TEST_BACKEND=services): a new uniquely named database on
// the server of DATABASE_URL, dropped again at close.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "../../prisma/migrations.ts";
import { seedDatabase } from "../../prisma/seed.ts";
import { type Config, loadConfig } from "../../subgraphs/kit/config.ts";
import { type Database, openDatabase } from "../../subgraphs/kit/db/database.ts";
import { createLogger, type Logger } from "../../subgraphs/kit/logger.ts";

export type TestDatabase = Database & { config: Config };

export interface TestDatabaseOptions {
  log?: Logger;
  /** Loads the demo data (communes, quartiers) after migrating. */
  seed?: boolean;
  /** Skips the migrations (for tests of the migration runner itself). */
  migrate?: boolean;
}

/** Accepts a logger (createTestDatabase(log)) or options (createTestDatabase({ seed: true })). */
export async function createTestDatabase(logOrOptions?: Logger | TestDatabaseOptions): Promise<TestDatabase> {
  const options: TestDatabaseOptions = isLogger(logOrOptions) ? { log: logOrOptions } : (logOrOptions ?? {});
  const log = options.log ?? createLogger({ level: process.env.LOG_LEVEL ?? "silent", name: "test-db" });
  const { db, config } =
    process.env.PARVIS_TEST_BACKEND === "services"
      ? await openServerDatabase(log)
      : await openMemoryDatabase(log);
  try {
    if (options.migrate !== false) await applyMigrations(db, log);
    if (options.seed) await seedDatabase(db, log);
  } catch (error) {
    await db.close();
    throw error;
  }
  return Object.assign(db, { config });
}

function isLogger(value: unknown): value is Logger {
  return typeof value === "object" && value !== null && typeof (value as Logger).info === "function";
}

async function openMemoryDatabase(log: Logger): Promise<{ db: Database; config: Config }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: "memory://" });
  return { db: await openDatabase(config, log, { pgliteDataDir: "memory://" }), config };
}

async function openServerDatabase(log: Logger): Promise<{ db: Database; config: Config }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error(
      "PARVIS_TEST_BACKEND=services needs DATABASE_URL (a server where tests may create databases)",
    );
  // Lower-case letters and digits only: no quoting surprises, and easy to spot (and clean up) on the server.
  const name = `parvis_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Small pools: many test files run at once against one server.
  const config = loadConfig({ ...process.env, DATABASE_URL: url.href, DATABASE_POOL_MAX: "4" });
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
