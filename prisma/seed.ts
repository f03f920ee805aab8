// Demo data for development and tests (`npm run seed`, and automatically at the first embedded start).
// Idempotent: every row is upserted by its natural key (INSEE code, slug), so running it again updates names and
// coordinates but keeps the UUIDv7 ids generated the first time — ids other data may already point at.
import { v7 as uuidv7 } from "uuid";
import { loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db/database.ts";
import { createLogger, type Logger } from "../platform/logger.ts";
import { applyMigrations } from "./migrations.ts";
import { COMMUNES, QUARTIERS } from "./seed-data/directory.ts";
import { seedDemoBoundaries, seedDirectoryContent } from "./seed-data/directorySeed.ts";

/** True when the directory holds no commune yet: the sign of a database that was never seeded. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  return (await db.prisma.commune.findFirst({ select: { id: true } })) === null;
}

export async function seedDatabase(db: Database, log: Logger): Promise<void> {
  const started = performance.now();
  // Batch transactions: all communes, then all quartiers, each set all-or-nothing.
  const communes = await db.prisma.$transaction(
    COMMUNES.map((commune) =>
      db.prisma.commune.upsert({
        where: { inseeCode: commune.inseeCode },
        create: { id: uuidv7(), inseeCode: commune.inseeCode, name: commune.name },
        update: { name: commune.name },
        select: { id: true, inseeCode: true },
      }),
    ),
  );
  const communeIds = new Map(communes.map((commune) => [commune.inseeCode, commune.id]));

  await db.prisma.$transaction(
    QUARTIERS.map((quartier) => {
      const communeId = communeIds.get(quartier.communeInseeCode);
      if (!communeId)
        throw new Error(
          `Seed data: quartier ${quartier.slug} names unknown commune ${quartier.communeInseeCode}`,
        );
      const fields = {
        name: quartier.name,
        communeId,
        centroidLat: quartier.centroidLat,
        centroidLon: quartier.centroidLon,
      };
      return db.prisma.quartier.upsert({
        where: { slug: quartier.slug },
        create: { id: uuidv7(), slug: quartier.slug, ...fields },
        update: fields,
        select: { id: true },
      });
    }),
  );
  // Boundaries (demo approximations, replaced by the open-data synchronisation), then the directory's content.
  await seedDemoBoundaries(db);
  const content = await seedDirectoryContent(db);
  log.info(
    {
      communes: COMMUNES.length,
      quartiers: QUARTIERS.length,
      ...content,
      ms: Math.round(performance.now() - started),
    },
    "demo data seeded",
  );
}

/**
 * Everything a demo platform shows: the reference data above, plus participatory-budget campaigns (one open for
 * voting), petitions in every state (the latest published one with comments, one reported), city projects with an open
 * consultation and its questionnaire, a consultation whose results are published, reports in every status and the staff's saved investigations. Tests seed the reference data only, and add what each needs.
 */
export async function seedDemo(db: Database, log: Logger): Promise<void> {
  await seedDatabase(db, log);
  const { seedBudget } = await import("../subgraphs/budget/seed.ts");
  const { seedStaff } = await import("../subgraphs/staff/seed.ts");
  const { seedPetitions } = await import("../subgraphs/petitions/seed.ts");
  const { seedReports } = await import("../subgraphs/reports/seed.ts");
  const { seedComments } = await import("../subgraphs/comments/seed.ts");
  const { seedParticipation } = await import("../subgraphs/participation/seed.ts");
  await seedBudget(db, log);
  await seedPetitions(db, log);
  await seedComments(db, log);
  await seedParticipation(db, log);
  await seedReports(db, log);
  await seedStaff(db, log);
  // A consultation whose results are published (subgraphs/participation/seedResults.ts).
  const { seedPublishedConsultation } = await import("../subgraphs/participation/seedResults.ts");
  await seedPublishedConsultation(db, log);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL, name: "seed" });
  const db = await openDatabase(config, log);
  try {
    // Seeding an unmigrated database would only fail on a missing table: migrate first, it is cheap when done.
    await applyMigrations(db, log);
    await seedDemo(db, log);
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
