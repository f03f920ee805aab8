// PlaceStore on Prisma, with raw SQL where Prisma cannot say it: ordering by great-circle distance (haversine,
// after a bounding-box prefilter on the (lat, lon) index) and grouping the points of a box by grid cell.

import type { SqlRunner } from "../../../platform/db/database.ts";
import { containsText, likePattern } from "../../../platform/db/textSearch.ts";
import { newId } from "../../../platform/ids.ts";
import type { Page } from "../../../platform/pagination.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import type { Box } from "../domain/geometry.ts";
import type { NameKey } from "../ports/geographyStore.ts";
import type { DistanceKey, PlaceKind, PlaceRecord, PlaceStore } from "../ports/placeStore.ts";
import { gridClusters } from "./gridClusters.ts";

type PlaceRow = Prisma.PlaceGetPayload<object>;

function toRecord(row: PlaceRow): PlaceRecord {
  const { contentHash: _hash, createdAt: _created, updatedAt: _updated, ...rest } = row;
  return { ...rest, kind: row.kind as PlaceKind };
}

function whereOf(filter: { kinds?: PlaceKind[]; quartierId?: string; search?: string }, box: Box | null) {
  return {
    deletedAt: null,
    ...(filter.kinds?.length ? { kind: { in: filter.kinds } } : {}),
    ...(filter.quartierId ? { quartierId: filter.quartierId } : {}),
    ...(filter.search ? { name: containsText(filter.search) } : {}),
    ...(box ? { lat: { gte: box.minLat, lte: box.maxLat }, lon: { gte: box.minLon, lte: box.maxLon } } : {}),
  };
}

/** Haversine distance in metres from ($1, $2) to the row's (lat, lon). */
const DISTANCE = `2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(lat - $1) / 2), 2)
  + cos(radians($1)) * cos(radians(lat)) * power(sin(radians(lon - $2) / 2), 2))))`;

/** Filters shared by the raw queries: $3..$6 the prefilter box, $7 kinds, $8 quartier, $9 search pattern. */
const RAW_FILTER = `deleted_at IS NULL AND lat BETWEEN $3 AND $4 AND lon BETWEEN $5 AND $6
  AND ($7::text[] IS NULL OR kind = ANY($7::text[]))
  AND ($8::uuid IS NULL OR quartier_id = $8::uuid)
  AND ($9::text IS NULL OR name ILIKE $9::text)`;

export function prismaPlaceStore(prisma: PrismaClient, sql: SqlRunner): PlaceStore {
  const byIds = async (ids: readonly string[]) =>
    (await prisma.place.findMany({ where: { id: { in: [...ids] } } })).map(toRecord);

  return {
    byIds,
    async listByName(filter, box, page: Page<NameKey>) {
      const where = whereOf(filter, box);
      const after = page.after
        ? { OR: [{ name: { gt: page.after.name } }, { name: page.after.name, id: { gt: page.after.id } }] }
        : {};
      const [rows, total] = await Promise.all([
        prisma.place.findMany({
          where: { AND: [where, after] },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          take: page.first + 1,
        }),
        prisma.place.count({ where }),
      ]);
      return { rows: rows.map(toRecord), total };
    },
    async listByDistance(filter, near, box, page: Page<DistanceKey>) {
      const params = [
        near.lat,
        near.lon,
        box.minLat,
        box.maxLat,
        box.minLon,
        box.maxLon,
        filter.kinds?.length ? filter.kinds : null,
        filter.quartierId ?? null,
        filter.search ? likePattern(filter.search) : null,
        near.radiusMeters,
      ];
      const within = `SELECT id, ${DISTANCE} AS d FROM "directory"."place" WHERE ${RAW_FILTER}`;
      const [page_, counted] = await Promise.all([
        sql.query<{ id: string; d: number }>(
          `SELECT id::text AS id, d FROM (${within}) p
           WHERE d <= $10 AND ($11::float8 IS NULL OR d > $11::float8 OR (d = $11::float8 AND id > $12::uuid))
           ORDER BY d, id LIMIT $13`,
          [...params, page.after?.d ?? null, page.after?.id ?? null, page.first + 1],
        ),
        sql.query<{ total: number }>(
          `SELECT count(*)::int AS total FROM (${within}) p WHERE d <= $10`,
          params,
        ),
      ]);
      const records = new Map((await byIds(page_.map((row) => row.id))).map((record) => [record.id, record]));
      const rows = page_.flatMap((row) => {
        const record = records.get(row.id);
        return record ? [{ ...record, distanceMeters: Number(row.d) }] : [];
      });
      return { rows, total: counted[0]?.total ?? 0 };
    },
    countInBox: (box) => prisma.place.count({ where: whereOf({}, box) }),
    async pointsInBox(box, limit) {
      const rows = await prisma.place.findMany({
        where: whereOf({}, box),
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(toRecord);
    },
    clustersInBox(box, grid) {
      return gridClusters(
        sql,
        {
          table: '"directory"."place"',
          where: "deleted_at IS NULL AND lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4",
        },
        box,
        grid,
        byIds,
      );
    },
    async sourceIndex(source) {
      const rows = await prisma.place.findMany({
        where: { source },
        select: { id: true, sourceId: true, contentHash: true, deletedAt: true },
      });
      return rows.map((row) => ({
        id: row.id,
        sourceId: row.sourceId ?? "",
        contentHash: row.contentHash,
        deleted: row.deletedAt !== null,
      }));
    },
    async upsertFromSource(source, sourceId, content, contentHash, fetchedAt) {
      const data = {
        ...content,
        opening: (content.opening ?? undefined) as Prisma.InputJsonValue | undefined,
        accessibility: (content.accessibility ?? undefined) as Prisma.InputJsonValue | undefined,
        contentHash,
        fetchedAt,
        deletedAt: null,
        updatedAt: fetchedAt,
      };
      const existing = await prisma.place.findUnique({
        where: { source_sourceId: { source, sourceId } },
        select: { id: true },
      });
      if (existing) {
        await prisma.place.update({ where: { id: existing.id }, data });
        return "updated";
      }
      await prisma.place.create({ data: { id: newId(), source, sourceId, ...data } });
      return "created";
    },
    async touch(source, sourceIds, fetchedAt) {
      if (sourceIds.length === 0) return;
      await prisma.place.updateMany({
        where: { source, sourceId: { in: [...sourceIds] } },
        data: { fetchedAt },
      });
    },
    async markDeleted(source, sourceIds, at) {
      if (sourceIds.length === 0) return 0;
      const { count } = await prisma.place.updateMany({
        where: { source, sourceId: { in: [...sourceIds] }, deletedAt: null },
        data: { deletedAt: at },
      });
      return count;
    },
    async namesOf(source) {
      return prisma.place.findMany({
        where: { source, deletedAt: null },
        select: { id: true, name: true, city: true },
      });
    },
  };
}
