// Start-up shared by every process: configuration, logger, database, cache. Which subgraphs run, and how the
// database is migrated and seeded, is the composition root's business (app/): it hands its preparation in.
import type { Cache } from "./cache/cache.ts";
import { createCache } from "./cache/createCache.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type Database, openDatabase } from "./db/database.ts";
import { createLogger, type Logger } from "./logger.ts";

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

/** A start-up refusal to print as one line (thrown by a preparation step; anything else keeps its stack). */
export class StartupRefusal extends Error {
  override name = "StartupRefusal";
}

/**
 * Opens the database, runs `prepare` on it (the root's migrations and seed), then opens the cache. A StartupRefusal
 * from `prepare` closes the database and exits with its message.
 */
export async function openBackends(
  config: Config,
  log: Logger,
  prepare: (db: Database) => Promise<void> = async () => {},
): Promise<{ db: Database; cache: Cache }> {
  let db: Database;
  try {
    db = await openDatabase(config, log);
  } catch (error) {
    failStartup(error instanceof Error ? error.message : String(error));
  }
  try {
    await prepare(db);
  } catch (error) {
    if (!(error instanceof StartupRefusal)) throw error;
    await db.close();
    failStartup(error.message);
  }
  const cache = createCache(config, log);
  return { db, cache };
}

export function createProcessLogger(config: Config, name: string): Logger {
  return createLogger({ level: config.LOG_LEVEL, name });
}
