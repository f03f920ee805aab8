// Extra demo quartiers, so list sizes up to 100 exist (the seed has a dozen). Benchmark data only, with a
// handful of fields only, attached to the first commune.
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../platform/db/database.ts";

export async function addBenchQuartiers(db: Database, total: number): Promise<void> {
  const existing = await db.prisma.quartier.count();
  const commune = await db.prisma.commune.findFirstOrThrow({ select: { id: true } });
  const missing = Math.max(0, total - existing);
  await db.prisma.$transaction(
    Array.from({ length: missing }, (_, i) =>
      db.prisma.quartier.create({
        data: {
          id: uuidv7(),
          slug: `banc-essai-${i}`,
          name: `Quartier d'essai ${i}`,
          communeId: commune.id,
          centroidLat: 48.58 + i / 10_000,
          centroidLon: 7.75 + i / 10_000,
        },
        select: { id: true },
      }),
    ),
  );
}

/**
 * Places spread over five quartiers, so a list of places asks identity for the same few quartiers over and over
 * (the case entity-representation deduplication is for).
 */
export async function addBenchPlaces(db: Database, total: number): Promise<void> {
  const quartiers = await db.prisma.quartier.findMany({
    select: { id: true },
    orderBy: { id: "asc" },
    take: 5,
  });
  await db.prisma.place.createMany({
    data: Array.from({ length: total }, (_, i) => ({
      id: uuidv7(),
      name: `Lieu d'essai ${String(i).padStart(3, "0")}`,
      kind: "other",
      lat: 48.58 + i / 10_000,
      lon: 7.75 + i / 10_000,
      quartierId: quartiers[i % quartiers.length]?.id ?? null,
    })),
  });
}
