// The seeds of every subgraph, run in the registry's order (a seed may ask the subgraphs before it through the
// subgraph client): reference data (every database, tests included), and the demo data of `npm run seed` and of
// the first embedded start. Each subgraph's seed is in its manifest; idempotent, so running it again is harmless.

import { COMMUNES, QUARTIERS } from "../data/directory.ts";
import { createCache } from "../platform/cache/createCache.ts";
import type { Config } from "../platform/config.ts";
import { loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db/database.ts";
import { type DirectlyExecutable, type InternalClient, inProcessClient } from "../platform/internalClient.ts";
import { createLogger, type Logger } from "../platform/logger.ts";
import { createSubgraphServer, type SubgraphServer } from "../platform/subgraphServer.ts";
import { applyMigrations } from "../prisma/migrations.ts";
import { MANIFESTS, subgraphsHoldingPersonalData } from "./platform.ts";

/** True when the database holds no commune yet (the directory's reference data comes first): never seeded. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.query<{ present: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM directory.commune) AS present",
  );
  return !row?.present;
}

/** Reference data only (what tests start from). */
export async function seedDatabase(db: Database, log: Logger, config: Config = loadConfig()): Promise<void> {
  await runSeeds(db, log, config, ["reference"]);
}

/**
 * Everything a demo platform shows: the reference data, plus participatory-budget campaigns (one open for voting),
 * petitions in every state (the latest published one with comments, one reported), city projects with an open
 * consultation and its questionnaire, a consultation whose results are published, reports in every status and the
 * staff's saved investigations. Tests seed the reference data only, and add what each needs.
 */
export async function seedDemo(db: Database, log: Logger, config: Config = loadConfig()): Promise<void> {
  await runSeeds(db, log, config, ["reference", "demo"]);
}

async function runSeeds(
  db: Database,
  log: Logger,
  config: Config,
  kinds: readonly ("reference" | "demo")[],
): Promise<void> {
  const { internal, close } = seedClient(config, db, log);
  try {
    for (const kind of kinds)
      for (const manifest of MANIFESTS) await manifest.seed?.[kind]?.({ config, db, log, internal });
  } finally {
    await close();
  }
}

/**
 * The subgraph client a seed asks the other subgraphs with: each subgraph asked is built in this process, on the
 * same database, the first time (most seeds ask none; the reports' asks the directory), and stopped once the seeds
 * are done. Only the subgraphs asked are built, so no other's background work (the delivery worker…) starts.
 */
export function seedClient(
  config: Config,
  db: Database,
  log: Logger,
): { internal: InternalClient; close(): Promise<void> } {
  const cache = createCache({ ...config, embedded: { ...config.embedded, cache: true } }, log);
  const built = new Map<string, Promise<SubgraphServer>>();
  const lazy: ReadonlyMap<string, DirectlyExecutable> = new Map(
    MANIFESTS.map((manifest) => [
      manifest.name,
      {
        async executeDirect(request, caller, requestId) {
          let server = built.get(manifest.name);
          if (!server) {
            server = manifest
              .load()
              .then((module) => createSubgraphServer(module, { config, db, cache, log, internal }));
            built.set(manifest.name, server);
          }
          return (await server).executeDirect(request, caller, requestId);
        },
      },
    ]),
  );
  const internal = inProcessClient(config, lazy, subgraphsHoldingPersonalData(), {
    log: log.child({ component: "seed-subgraph-client" }),
  });
  return {
    internal,
    async close() {
      for (const server of built.values()) await (await server).stop();
      await cache.close();
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL, name: "seed" });
  const db = await openDatabase(config, log);
  try {
    // Seeding an unmigrated database would only fail on a missing table: migrate first, it is cheap when done.
    await applyMigrations(db, log);
    await seedDemo(db, log, config);
    const where = db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite (${config.PGLITE_DATA_DIR})`;
    console.log(
      `seed: demo data upserted into ${where}: ${COMMUNES.length} communes and ${QUARTIERS.length} quartiers, ` +
        "participatory-budget campaigns and projects, petitions and their comments, city projects and consultations (one with published results), reports and the staff's saved investigations",
    );
  } finally {
    await db.close();
  }
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`seed failed: ${message.replaceAll("\n", " ")}\n`);
    process.exitCode = 1;
  });
}
