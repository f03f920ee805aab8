// Applies the SQL migrations of prisma/migrations/ in name order, recording them in Prisma's own
// `_prisma_migrations` table exactly as `prisma migrate deploy` does, so either tool sees the other's work.
// The project needs its own runner because Prisma's schema engine (a native binary) cannot be installed everywhere
// Parvis runs, and because the embedded PGlite database has no server for that engine to talk to.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, SqlRunner } from "../platform/db/database.ts";
import type { Logger } from "../platform/logger.ts";

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

/** The advisory lock key `prisma migrate` takes: our runner and Prisma's never migrate at the same time. */
const PRISMA_MIGRATE_LOCK = 72707369;

/** Prisma keeps its table in the connection's default schema: `public` for our URLs (no ?schema=). */
const MIGRATIONS_TABLE = `"public"."_prisma_migrations"`;

/** Prisma's DDL for the table, column for column. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 of the file's bytes, hex: what Prisma stores in `checksum`. */
  checksum: string;
}

export type MigrationProgress =
  | { kind: "pending"; count: number }
  | { kind: "applied"; name: string; ms: number }
  | { kind: "skipped"; name: string };

export interface ApplyMigrationsOptions {
  /** Folder holding `<name>/migration.sql`; defaults to prisma/migrations next to this file. */
  migrationsDir?: string;
  onProgress?: (event: MigrationProgress) => void;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/** Reads every `<dir>/<name>/migration.sql`, sorted by name (Prisma's timestamp prefixes sort chronologically). */
export function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, "migration.sql"));
      return {
        name,
        sql: bytes.toString("utf8"),
        checksum: sha256(bytes),
      };
    });
}

/**
 * Names of the migrations not yet applied, without applying or locking anything: a PostgreSQL deployment
 * starts only when `npm run db:migrate` has run.
 */
export async function pendingMigrations(db: SqlRunner, migrationsDir?: string): Promise<string[]> {
  const [exists] = await db.query<{ present: boolean }>(
    `SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`,
  );
  const applied = exists?.present
    ? new Set((await readApplied(db)).map((row) => row.migration_name))
    : new Set();
  return readMigrations(migrationsDir)
    .map((migration) => migration.name)
    .filter((name) => !applied.has(name));
}

export async function applyMigrations(
  db: Database,
  log: Logger,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const migrations = readMigrations(options.migrationsDir);
  const appliedRows = await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    return readApplied(tx);
  });
  verifyHistory(migrations, appliedRows, log);

  const done = new Set(appliedRows.map((row) => row.migration_name));
  const pending = migrations.filter((migration) => !done.has(migration.name));
  options.onProgress?.({ kind: "pending", count: pending.length });
  if (pending.length === 0) {
    log.info({ total: migrations.length }, "database schema up to date");
    return { applied: [] };
  }

  const applied: string[] = [];
  for (const migration of pending) {
    const started = performance.now();
    // One transaction per migration: a failure leaves neither half a schema nor a row saying it was applied.
    const ran = await db.transaction(async (tx) => {
      await lock(tx);
      // Another process may have applied it while we waited for the lock.
      if ((await readApplied(tx)).some((row) => row.migration_name === migration.name)) return false;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw new MigrationError(`Migration ${migration.name} failed: ${reason} — nothing of it was applied`);
      }
      await tx.query(
        `INSERT INTO ${MIGRATIONS_TABLE}
           (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      return true;
    });
    const ms = Math.round(performance.now() - started);
    if (ran) {
      applied.push(migration.name);
      log.info({ migration: migration.name, ms }, "migration applied");
      options.onProgress?.({ kind: "applied", name: migration.name, ms });
    } else {
      log.info({ migration: migration.name }, "migration already applied by another process");
      options.onProgress?.({ kind: "skipped", name: migration.name });
    }
  }
  return { applied };
}

async function lock(tx: SqlRunner): Promise<void> {
  // Transaction-scoped: released at COMMIT/ROLLBACK even if the process dies. A no-op cost on PGlite.
  await tx.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK]);
}

async function readApplied(tx: SqlRunner): Promise<AppliedRow[]> {
  return tx.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM ${MIGRATIONS_TABLE}
     WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
}

/** Like Prisma, accepts the file with either line ending: a Windows checkout must not look like an edit. */
function matchesChecksum(sql: string, checksum: string): boolean {
  const lf = sql.replaceAll("\r\n", "\n");
  return [sql, lf, lf.replaceAll("\n", "\r\n")].some((variant) => sha256(variant) === checksum);
}

function sha256(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Refuses to go on when history and files disagree: the database would no longer match the code. */
function verifyHistory(migrations: MigrationFile[], appliedRows: AppliedRow[], log: Logger): void {
  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of appliedRows) {
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} started but never finished (a failed \`prisma migrate deploy\`?) — ` +
          `repair the database, then mark it with \`prisma migrate resolve\``,
      );
    }
    const file = files.get(row.migration_name);
    if (!file) {
      log.warn({ migration: row.migration_name }, "applied migration has no file in prisma/migrations");
      continue;
    }
    if (!matchesChecksum(file.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${row.migration_name} was modified after it was applied (checksum mismatch) — ` +
          `restore prisma/migrations/${row.migration_name}/migration.sql and put the change in a new migration`,
      );
    }
  }
}
