// Demo data of the staff subgraph: the shipped investigations (investigations/catalogue.ts). Idempotent: each is
// upserted by its seed key, so a new version of Parvis updates them in place and keeps their ids (shared links).
// Its demo seed (manifest.ts), run by app/seed.ts after the directory is seeded.

import type { Database } from "../../platform/db/database.ts";
import { newId } from "../../platform/ids.ts";
import type { Logger } from "../../platform/logger.ts";
import type { Prisma } from "../../prisma/generated/client.ts";
import { SHIPPED_SERVICE, shippedInvestigations } from "./investigations/catalogue.ts";

/** The quartier the first investigation opens on (Neudorf, where the demo reports are). */
const DEFAULT_QUARTIER_SLUG = "neudorf-schluthfeld-port-du-rhin-musau";

export async function seedStaff(db: Database, log: Logger): Promise<void> {
  // Seed-time wiring only (the subgraph itself never reads the directory's tables): a ready-to-run default.
  const quartier = await db.prisma.quartier
    .findUnique({ where: { slug: DEFAULT_QUARTIER_SLUG }, select: { id: true } })
    .catch(() => null);
  const shipped = shippedInvestigations({ quartierId: quartier?.id ?? null });
  for (const investigation of shipped) {
    const fields = {
      service: SHIPPED_SERVICE,
      name: investigation.name,
      description: investigation.description,
      operation: investigation.operation,
      variables: investigation.variables as Prisma.InputJsonObject,
      visibility: "all_staff",
    };
    await db.prisma.staffInvestigation.upsert({
      where: { seedKey: investigation.seedKey },
      create: { id: newId(), seedKey: investigation.seedKey, ...fields },
      update: { ...fields, updatedAt: new Date() },
    });
  }
  log.info({ investigations: shipped.length }, "shipped investigations seeded");
}
