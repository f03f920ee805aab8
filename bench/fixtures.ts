// Extra demo quartiers, so list sizes up to 100 exist (the seed has a dozen). Benchmark data only, with a
// handful of fields only, attached to the first commune.
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../subgraphs/kit/db/database.ts";

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
