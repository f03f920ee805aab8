// GeographyStore on Prisma. Lists fetch `first + 1` rows after the keyset (name, id) to know whether more exist.
// Point lookups prefilter by the stored bounding box of each boundary (four float comparisons in SQL); the exact
// point-in-polygon test is done by the caller on the few candidates (domain/locate.ts).

import { newId } from "../../../platform/ids.ts";
import type { Page } from "../../../platform/pagination.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import { parseAreaGeometry } from "../domain/geometry.ts";
import type { BoundaryUpdate, GeographyStore, NameKey } from "../ports/geographyStore.ts";

function afterName(after: NameKey | undefined) {
  if (!after) return {};
  return { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] };
}

const byName = [{ name: "asc" as const }, { id: "asc" as const }];

const containsPoint = (lat: number, lon: number) => ({
  minLat: { lte: lat },
  maxLat: { gte: lat },
  minLon: { lte: lon },
  maxLon: { gte: lon },
});

/** Stored geometries were validated when written; one that no longer parses is skipped, not fatal. */
function candidates(rows: { id: string; key: string; boundary: unknown }[]) {
  return rows.flatMap((row) => {
    try {
      return [{ id: row.id, key: row.key, boundary: parseAreaGeometry(row.boundary) }];
    } catch {
      return [];
    }
  });
}

const boundaryData = (update: BoundaryUpdate) => ({
  boundary: update.geometry as object,
  minLat: update.box.minLat,
  minLon: update.box.minLon,
  maxLat: update.box.maxLat,
  maxLon: update.box.maxLon,
  boundarySource: update.source,
  boundaryFetchedAt: update.fetchedAt,
});

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
    async quartierCandidates(lat, lon) {
      const rows = await prisma.quartier.findMany({
        where: containsPoint(lat, lon),
        select: { id: true, slug: true, boundary: true },
      });
      return candidates(rows.map((row) => ({ id: row.id, key: row.slug, boundary: row.boundary })));
    },
    async communeCandidates(lat, lon) {
      const rows = await prisma.commune.findMany({
        where: containsPoint(lat, lon),
        select: { id: true, inseeCode: true, boundary: true },
      });
      return candidates(rows.map((row) => ({ id: row.id, key: row.inseeCode, boundary: row.boundary })));
    },
    quartiersInBox: (box) =>
      prisma.quartier.findMany({
        where: {
          minLat: { lte: box.maxLat },
          maxLat: { gte: box.minLat },
          minLon: { lte: box.maxLon },
          maxLon: { gte: box.minLon },
        },
        orderBy: { slug: "asc" },
      }),
    allQuartiers: () => prisma.quartier.findMany({ orderBy: { slug: "asc" } }),
    allCommunes: () => prisma.commune.findMany({ orderBy: { inseeCode: "asc" } }),
    async setQuartierBoundary(id, update) {
      await prisma.quartier.update({
        where: { id },
        data: { ...boundaryData(update), boundarySourceId: update.sourceId ?? null },
      });
    },
    async setCommuneBoundary(id, update) {
      await prisma.commune.update({ where: { id }, data: boundaryData(update) });
    },
    createQuartier: (quartier) => prisma.quartier.create({ data: { id: newId(), ...quartier } }),
  };
}
