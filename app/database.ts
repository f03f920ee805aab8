// How each process finds its database ready: embedded (PGlite), migrated on start and seeded with the demo data at
// the first start (SEED_ON_FIRST_START); on PostgreSQL, refused while migrations are pending (`npm run db:migrate`).

import { StartupRefusal } from "../platform/bootstrap.ts";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/database.ts";
import type { Logger } from "../platform/logger.ts";
import { applyMigrations, pendingMigrations } from "../prisma/migrations.ts";
import { isDatabaseEmpty, seedDemo } from "./seed.ts";

export function prepareDatabase(config: Config, log: Logger): (db: Database) => Promise<void> {
  return async (db) => {
    if (config.embedded.database) {
      await applyMigrations(db, log);
      if (config.SEED_ON_FIRST_START && (await isDatabaseEmpty(db))) {
        log.info("first embedded start: loading the Strasbourg demo data");
        await seedDemo(db, log, config);
      }
      return;
    }
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      throw new StartupRefusal(
        `the PostgreSQL database lacks ${pending.length} migration(s) (${pending.join(", ")}): run \`npm run db:migrate\``,
      );
    }
  };
}
