// GeographyStore on Prisma. Lists fetch `first + 1` rows after the keyset (name, id) to know whether more exist.
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { Page } from "../../kit/pagination.ts";
import type { GeographyStore, NameKey } from "../ports/geographyStore.ts";

function afterName(after: NameKey | undefined) {
  if (!after) return {};
  return { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] };
}

const byName = [{ name: "asc" as const }, { id: "asc" as const }];

export function prismaGeographyStore(prisma: PrismaClient): GeographyStore {
  return {
    quartiersByIds: (ids) => prisma.quartier.findMany({ where: { id: { in: [...ids] } } }),
    quartiersOfCommunes: (communeIds) =>
      prisma.quartier.findMany({ where: { communeId: { in: [...communeIds] } }, orderBy: byName }),
    communesByIds: (ids) => prisma.commune.findMany({ where: { id: { in: [...ids] } } }),
    async listQuartiers(filter, page: Page<NameKey>) {
      const where = filter.communeId ? { communeId: filter.communeId } : {};
      const [rows, total] = await Promise.all([
        prisma.quartier.findMany({
          where: { ...where, ...afterName(page.after) },
          orderBy: byName,
          take: page.first + 1,
        }),
        prisma.quartier.count({ where }),
      ]);
      return { rows, total };
    },
    async listCommunes(page: Page<NameKey>) {
      const [rows, total] = await Promise.all([
        prisma.commune.findMany({ where: afterName(page.after), orderBy: byName, take: page.first + 1 }),
        prisma.commune.count(),
      ]);
      return { rows, total };
    },
  };
}
