// `npm run db:reset`: throws the development database away and rebuilds it (migrations, then demo data).
// PGlite: the data folder is deleted. PostgreSQL: the Parvis schemas and Prisma's migration table are dropped
// (extensions and anything else in the database stay). Refused in production.
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db/database.ts";
import { acquireDataDirLock } from "../platform/db/dataDirLock.ts";
import { createLogger } from "../platform/logger.ts";
import { applyMigrations } from "../prisma/migrations.ts";
import { MANIFESTS } from "./platform.ts";
import { seedDatabase } from "./seed.ts";

/** The PostgreSQL schemas Parvis owns: one per subgraph, named after it (prisma/schema.prisma). */
const PARVIS_SCHEMAS = MANIFESTS.map((manifest) => manifest.name);

async function main(): Promise<void> {
  // Checked before loadConfig: in production loadConfig may fail on something else first and hide the refusal.
  if (process.env.NODE_ENV === "production") {
    throw new Error("db:reset refuses to run with NODE_ENV=production: it deletes every row");
  }
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL, name: "db:reset" });

  if (config.embedded.database) {
    const folder = resolve(config.PGLITE_DATA_DIR);
    // Holding the lock while deleting: a running `npm start` keeps the folder, and we say so instead.
    const release = acquireDataDirLock(folder);
    try {
      rmSync(folder, { recursive: true, force: true });
    } finally {
      release();
    }
    console.log(`db:reset: deleted the PGlite data folder ${folder}`);
  }

  let db: Database | undefined;
  try {
    db = await openDatabase(config, log);
    if (db.kind === "postgres") {
      const drops = PARVIS_SCHEMAS.map((schema) => `DROP SCHEMA IF EXISTS "${schema}" CASCADE;`).join("\n");
      await db.exec(`${drops}\nDROP TABLE IF EXISTS "public"."_prisma_migrations";`);
      console.log(
        `db:reset: dropped schemas ${PARVIS_SCHEMAS.join(", ")} and _prisma_migrations on PostgreSQL (DATABASE_URL)`,
      );
    }
    const { applied } = await applyMigrations(db, log);
    console.log(`db:reset: applied ${applied.length} migration(s)`);
    await seedDatabase(db, log, config);
    console.log("db:reset: demo data loaded (communes and quartiers of the Eurométropole)");
  } finally {
    await db?.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`db:reset failed: ${message.replaceAll("\n", " ")}\n`);
  process.exitCode = 1;
});
