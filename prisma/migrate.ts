// `npm run db:migrate`: applies pending migrations to the configured database (PostgreSQL when DATABASE_URL is
// set, the embedded PGlite folder otherwise), prints a summary, and exits non-zero with one line on failure.
import { loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db/database.ts";
import { createLogger } from "../platform/logger.ts";
import { applyMigrations } from "./migrations.ts";

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL, name: "db:migrate" });
  const started = performance.now();
  let db: Database | undefined;
  try {
    db = await openDatabase(config, log);
    const where = db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite (${config.PGLITE_DATA_DIR})`;
    const { applied } = await applyMigrations(db, log, {
      onProgress: (event) => {
        if (event.kind === "applied") console.log(`  applied ${event.name} (${event.ms} ms)`);
      },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      applied.length === 0
        ? `db:migrate: ${where} is up to date, nothing to apply (${seconds} s)`
        : `db:migrate: applied ${applied.length} migration(s) to ${where} in ${seconds} s`,
    );
  } finally {
    await db?.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`db:migrate failed: ${message.replaceAll("\n", " ")}\n`);
  process.exitCode = 1;
});
