// The migration runner: Prisma-compatible bookkeeping, idempotence, refusal of edited history, atomic failures and
// concurrent starts. Each case gets its own database and, when it edits files, its own copy of the migrations.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import { createLogger } from "../../platform/logger.ts";
import {
  applyMigrations,
  DEFAULT_MIGRATIONS_DIR,
  MigrationError,
  readMigrations,
} from "../../prisma/migrations.ts";

const log = createLogger({ level: "silent" });
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase({ migrate: false });
  cleanups.push(() => db.close());
  return db;
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), "parvis-migrations-"));
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, "migration.sql"), sql);
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const selectRows = "SELECT * FROM public._prisma_migrations ORDER BY migration_name";

describe("applyMigrations", () => {
  it("records every migration in _prisma_migrations as Prisma does", async () => {
    const db = await emptyDatabase();
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);

    const { applied } = await applyMigrations(db, log);
    expect(applied).toEqual(files.map((file) => file.name));

    const rows = await db.query<MigrationRow>(selectRows);
    expect(rows.map((row) => row.migration_name)).toEqual(applied);
    for (const row of rows) {
      const bytes = readFileSync(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    // Prisma's exact table, so `prisma migrate deploy`/`status` would read our rows.
    const columns = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO" },
      { column_name: "logs", data_type: "text", is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO" },
    ]);
  });

  it("applies nothing the second time", async () => {
    const db = await emptyDatabase();
    await applyMigrations(db, log);
    const before = await db.query<MigrationRow>(selectRows);
    const progress: unknown[] = [];

    expect(await applyMigrations(db, log, { onProgress: (event) => progress.push(event) })).toEqual({
      applied: [],
    });
    expect(progress).toEqual([{ kind: "pending", count: 0 }]);
    expect(await db.query<MigrationRow>(selectRows)).toEqual(before);
  });

  it("applies only the new migration when one is added", async () => {
    const db = await emptyDatabase();
    const dir = copyOfMigrations();
    await applyMigrations(db, log, { migrationsDir: dir });
    addMigration(dir, "29990101000000_add_note", `ALTER TABLE "directory"."commune" ADD COLUMN "note" TEXT;`);

    expect(await applyMigrations(db, log, { migrationsDir: dir })).toEqual({
      applied: ["29990101000000_add_note"],
    });
    const [column] = await db.query(
      "SELECT 1 FROM information_schema.columns WHERE table_schema = 'directory' AND table_name = 'commune' AND column_name = 'note'",
    );
    expect(column).toBeDefined();
  });

  it("refuses to run when an applied migration file was modified", async () => {
    const db = await emptyDatabase();
    const dir = copyOfMigrations();
    const [first] = readMigrations(dir);
    if (!first) throw new Error("no migration to modify");
    await applyMigrations(db, log, { migrationsDir: dir });
    writeFileSync(join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited afterwards\n`);
    addMigration(dir, "29990101000000_never_applied", `CREATE TABLE "directory"."never_applied" (id INT);`);

    const attempt = applyMigrations(db, log, { migrationsDir: dir });
    await expect(attempt).rejects.toThrow(MigrationError);
    await expect(attempt).rejects.toThrow(
      `Migration ${first.name} was modified after it was applied (checksum mismatch)`,
    );
    // Nothing after the refusal ran.
    const tables = await db.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'never_applied'",
    );
    expect(tables).toEqual([]);
  });

  it("accepts an applied migration whose only change is its line endings, as Prisma does", async () => {
    const db = await emptyDatabase();
    const dir = copyOfMigrations();
    const [first] = readMigrations(dir);
    if (!first) throw new Error("no migration to convert");
    await applyMigrations(db, log, { migrationsDir: dir });
    writeFileSync(join(dir, first.name, "migration.sql"), first.sql.replaceAll("\n", "\r\n"));

    expect(await applyMigrations(db, log, { migrationsDir: dir })).toEqual({ applied: [] });
  });

  it("leaves no trace of a migration that fails half-way", async () => {
    const db = await emptyDatabase();
    const dir = copyOfMigrations();
    addMigration(
      dir,
      "29990101000000_broken",
      `CREATE TABLE "directory"."half_done" (id INT);\nSELECT no_such_function();`,
    );

    await expect(applyMigrations(db, log, { migrationsDir: dir })).rejects.toThrow(
      /Migration 29990101000000_broken failed: .*no_such_function.* — nothing of it was applied/,
    );
    const rows = await db.query<MigrationRow>(selectRows);
    expect(rows.map((row) => row.migration_name)).toEqual(readMigrations().map((file) => file.name));
    expect(await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'")).toEqual(
      [],
    );
  });

  it("lets two starting processes race without applying anything twice", async () => {
    const db = await emptyDatabase();
    const [first, second] = await Promise.all([applyMigrations(db, log), applyMigrations(db, log)]);
    const names = readMigrations().map((file) => file.name);
    expect([...(first?.applied ?? []), ...(second?.applied ?? [])].sort()).toEqual(names);
    expect((await db.query<MigrationRow>(selectRows)).map((row) => row.migration_name)).toEqual(names);
  });
});
