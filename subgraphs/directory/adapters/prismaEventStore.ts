// EventStore on Prisma. Dates of the agenda are calendar days (PostgreSQL DATE), exchanged as yyyy-mm-dd strings.

import type { SqlRunner } from "../../../platform/db/database.ts";
import { containsText } from "../../../platform/db/textSearch.ts";
import { newId } from "../../../platform/ids.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import type { EventLinkRecord, EventPeriod, EventRecord, EventStore } from "../ports/eventStore.ts";

type Row = Prisma.EventGetPayload<object>;

const day = (value: Date) => value.toISOString().slice(0, 10);
const dateOf = (value: string) => new Date(`${value}T00:00:00Z`);

function toRecord(row: Row): EventRecord {
  const { contentHash: _hash, createdAt: _created, updatedAt: _updated, ...rest } = row;
  return {
    ...rest,
    periods: row.periods as unknown as EventPeriod[],
    startDate: day(row.startDate),
    endDate: day(row.endDate),
  };
}

const toLink = (row: { eventId: string; organizationId: string; role: string }): EventLinkRecord => ({
  eventId: row.eventId,
  organizationId: row.organizationId,
  role: row.role as EventLinkRecord["role"],
});

export function prismaEventStore(prisma: PrismaClient, sql: SqlRunner): EventStore {
  return {
    async byIds(ids) {
      return (await prisma.event.findMany({ where: { id: { in: [...ids] } } })).map(toRecord);
    },
    async list(filter, page) {
      const where: Prisma.EventWhereInput = {
        deletedAt: null,
        endDate: { gte: dateOf(filter.from) },
        ...(filter.to ? { startDate: { lte: dateOf(filter.to) } } : {}),
        ...(filter.placeId ? { placeId: filter.placeId } : {}),
        ...(filter.organizationId
          ? { organizations: { some: { organizationId: filter.organizationId } } }
          : {}),
        ...(filter.categorySourceId ? { categoryIds: { has: filter.categorySourceId } } : {}),
        ...(filter.search ? { title: containsText(filter.search) } : {}),
      };
      const after: Prisma.EventWhereInput = page.after
        ? {
            OR: [
              { startDate: { gt: dateOf(page.after.d) } },
              { startDate: dateOf(page.after.d), id: { gt: page.after.id } },
            ],
          }
        : {};
      const [rows, total] = await Promise.all([
        prisma.event.findMany({
          where: { AND: [where, after] },
          orderBy: [{ startDate: "asc" }, { id: "asc" }],
          take: page.first + 1,
        }),
        prisma.event.count({ where }),
      ]);
      return { rows: rows.map(toRecord), total };
    },
    async upcomingAtPlaces(placeIds, fromDay, limit) {
      if (placeIds.length === 0) return [];
      // At most `limit` per place, in one statement: a busy place cannot crowd the others out of the batch.
      const rows = await sql.query<{ id: string }>(
        `SELECT id::text AS id FROM (
           SELECT id, row_number() OVER (PARTITION BY place_id ORDER BY start_date, id) AS rank
           FROM "directory"."event"
           WHERE place_id = ANY($1::uuid[]) AND deleted_at IS NULL AND end_date >= $2::date) ranked
         WHERE rank <= $3`,
        [[...placeIds], fromDay, limit],
      );
      const events = await prisma.event.findMany({
        where: { id: { in: rows.map((row) => row.id) } },
        orderBy: [{ startDate: "asc" }, { id: "asc" }],
      });
      return events.map(toRecord);
    },
    async linksOfEvents(eventIds) {
      return (await prisma.eventOrganization.findMany({ where: { eventId: { in: [...eventIds] } } })).map(
        toLink,
      );
    },
    async linksOfOrganizations(organizationIds) {
      const rows = await prisma.eventOrganization.findMany({
        where: { organizationId: { in: [...organizationIds] } },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toLink);
    },
    async link(link) {
      const row = await prisma.eventOrganization.upsert({
        where: { eventId_organizationId: { eventId: link.eventId, organizationId: link.organizationId } },
        create: link,
        update: { role: link.role },
      });
      return toLink(row);
    },
    async sourceIndex(source) {
      const rows = await prisma.event.findMany({
        where: { source },
        select: { id: true, sourceId: true, contentHash: true, deletedAt: true },
      });
      return rows.map((row) => ({
        id: row.id,
        sourceId: row.sourceId,
        contentHash: row.contentHash,
        deleted: row.deletedAt !== null,
      }));
    },
    async upsertFromSource(source, sourceId, content, contentHash, fetchedAt) {
      const data = {
        ...content,
        periods: content.periods as unknown as Prisma.InputJsonValue,
        startDate: dateOf(content.startDate),
        endDate: dateOf(content.endDate),
        contentHash,
        fetchedAt,
        deletedAt: null,
        updatedAt: fetchedAt,
      };
      const existing = await prisma.event.findUnique({
        where: { source_sourceId: { source, sourceId } },
        select: { id: true },
      });
      if (existing) {
        await prisma.event.update({ where: { id: existing.id }, data });
        return "updated";
      }
      await prisma.event.create({ data: { id: newId(), source, sourceId, ...data } });
      return "created";
    },
    async touch(source, sourceIds, fetchedAt) {
      if (sourceIds.length === 0) return;
      await prisma.event.updateMany({
        where: { source, sourceId: { in: [...sourceIds] } },
        data: { fetchedAt },
      });
    },
    async markDeleted(source, sourceIds, at) {
      if (sourceIds.length === 0) return 0;
      const { count } = await prisma.event.updateMany({
        where: { source, sourceId: { in: [...sourceIds] }, deletedAt: null },
        data: { deletedAt: at },
      });
      return count;
    },
    async categoriesBySourceIds(source, sourceIds) {
      return prisma.category.findMany({
        where: { source, sourceId: { in: [...sourceIds] }, deletedAt: null },
        select: { sourceId: true, kind: true, name: true, parentSourceId: true, level: true },
        orderBy: [{ kind: "asc" }, { name: "asc" }],
      });
    },
    async replaceCategories(source, kind, categories, fetchedAt) {
      return prisma.$transaction(async (tx) => {
        const existing = new Map(
          (await tx.category.findMany({ where: { source, kind } })).map((row) => [row.sourceId, row]),
        );
        let created = 0;
        let updated = 0;
        let unchanged = 0;
        for (const category of categories) {
          const data = {
            name: category.name,
            parentSourceId: category.parentSourceId,
            level: category.level,
          };
          const known = existing.get(category.sourceId);
          if (!known) {
            created++;
            await tx.category.create({
              data: { id: newId(), source, kind, sourceId: category.sourceId, ...data, fetchedAt },
            });
            continue;
          }
          const same =
            known.deletedAt === null &&
            known.name === data.name &&
            known.parentSourceId === data.parentSourceId &&
            known.level === data.level;
          if (same) unchanged++;
          else updated++;
          await tx.category.update({
            where: { id: known.id },
            data: { ...data, fetchedAt, deletedAt: null },
          });
        }
        const { count: deleted } = await tx.category.updateMany({
          where: { source, kind, deletedAt: null, sourceId: { notIn: categories.map((c) => c.sourceId) } },
          data: { deletedAt: fetchedAt },
        });
        return { created, updated, unchanged, deleted };
      });
    },
  };
}
