// Start-up shared by every process: configuration, logger, database (migrated and seeded when embedded), cache.
import { applyMigrations, pendingMigrations } from "../prisma/migrations.ts";
import { isDatabaseEmpty, seedDemo } from "../prisma/seed.ts";
import { SUBGRAPHS, subgraphsHoldingPersonalData } from "../subgraphs/registry.ts";
import type { Cache } from "./cache/cache.ts";
import { createCache } from "./cache/createCache.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import type { SubgraphDeps } from "./context.ts";
import { type Database, openDatabase } from "./db/database.ts";
import { inProcessClient } from "./internalClient.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createSubgraphServer, type SubgraphServer } from "./subgraphServer.ts";

/** Loads the configuration or exits with one line saying what to fix. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) failStartup(error.message);
    throw error;
  }
}

/** Prints one clear line and exits: start-up failures are for a person to fix, not a stack trace to read. */
export function failStartup(message: string): never {
  process.stderr.write(`parvis: ${message}\n`);
  process.exit(1);
}

export async function openBackends(config: Config, log: Logger): Promise<{ db: Database; cache: Cache }> {
  let db: Database;
  try {
    db = await openDatabase(config, log);
  } catch (error) {
    failStartup(error instanceof Error ? error.message : String(error));
  }
  if (config.embedded.database) {
    await applyMigrations(db, log);
    if (config.SEED_ON_FIRST_START && (await isDatabaseEmpty(db))) {
      log.info("first embedded start: loading the Strasbourg demo data");
      await seedDemo(db, log);
    }
  } else {
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      await db.close();
      failStartup(
        `the PostgreSQL database lacks ${pending.length} migration(s) (${pending.join(", ")}): run \`npm run db:migrate\``,
      );
    }
  }
  const cache = createCache(config, log);
  return { db, cache };
}

export function createProcessLogger(config: Config, name: string): Logger {
  return createLogger({ level: config.LOG_LEVEL, name });
}

/** Every subgraph in this process, calling each other in-process. */
export async function createSubgraphServers(
  deps: Omit<SubgraphDeps, "internal">,
): Promise<Map<string, SubgraphServer>> {
  const servers = new Map<string, SubgraphServer>();
  const internal = inProcessClient(deps.config, servers, subgraphsHoldingPersonalData(), {
    log: deps.log.child({ component: "subgraph-client" }),
  });
  for (const module of SUBGRAPHS)
    servers.set(module.name, await createSubgraphServer(module, { ...deps, internal }));
  return servers;
}
