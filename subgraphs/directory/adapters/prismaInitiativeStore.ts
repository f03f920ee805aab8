// InitiativeStore on Prisma and raw SQL (the "still seeking volunteers" filter compares a count with a column,
// and the map groups points by grid cell). Volunteering locks the initiative's row so that two people cannot both
// take the last place.

import type { SqlRunner } from "../../../platform/db/database.ts";
import { newId } from "../../../platform/ids.ts";
import { recordEvents } from "../../../platform/outbox.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import type { InitiativeRecord, InitiativeStore } from "../ports/initiativeStore.ts";
import { gridClusters } from "./gridClusters.ts";

type Row = Prisma.InitiativeGetPayload<object>;

function toRecord(row: Row): InitiativeRecord {
  const { createdAt: _created, updatedAt: _updated, ...rest } = row;
  return { ...rest, status: row.status as InitiativeRecord["status"] };
}

/** Published, not over, located in the box ($1..$4), at $5. */
const ON_MAP = `status = 'published' AND lat IS NOT NULL AND lat BETWEEN $1 AND $2 AND lon BETWEEN $3 AND $4
  AND coalesce(ends_at, starts_at) >= $5::timestamptz`;

const SEEKING = `(i.volunteers_wanted AND i.status = 'published'
  AND (i.volunteer_deadline IS NULL OR i.volunteer_deadline > $7::timestamptz)
  AND (i.volunteers_needed IS NULL OR
       (SELECT count(*) FROM "directory"."initiative_volunteer" v WHERE v.initiative_id = i.id) < i.volunteers_needed))`;

export function prismaInitiativeStore(prisma: PrismaClient, sql: SqlRunner): InitiativeStore {
  const byIds = async (ids: readonly string[]) =>
    (await prisma.initiative.findMany({ where: { id: { in: [...ids] } } })).map(toRecord);

  return {
    byIds,
    async list(filter, page, now) {
      const where = `coalesce(i.ends_at, i.starts_at) >= $1::timestamptz
        AND ($2::timestamptz IS NULL OR i.starts_at <= $2::timestamptz)
        AND ($3::uuid IS NULL OR i.quartier_id = $3::uuid)
        AND ($4::uuid IS NULL OR i.organizer_organization_id = $4::uuid)
        AND ($5::boolean OR i.status = 'published')
        AND (NOT $6::boolean OR ${SEEKING})`;
      const params = [
        filter.from.toISOString(),
        filter.to?.toISOString() ?? null,
        filter.quartierId ?? null,
        filter.organizerOrganizationId ?? null,
        filter.includeCancelled ?? false,
        filter.seekingVolunteers ?? false,
        now.toISOString(),
      ];
      const [ids, counted] = await Promise.all([
        sql.query<{ id: string }>(
          `SELECT i.id::text AS id FROM "directory"."initiative" i WHERE ${where}
             AND ($8::timestamptz IS NULL OR i.starts_at > $8::timestamptz
                  OR (i.starts_at = $8::timestamptz AND i.id > $9::uuid))
           ORDER BY i.starts_at, i.id LIMIT $10`,
          [...params, page.after?.s ?? null, page.after?.id ?? null, page.first + 1],
        ),
        sql.query<{ total: number }>(
          `SELECT count(*)::int AS total FROM "directory"."initiative" i WHERE ${where}`,
          params,
        ),
      ]);
      const records = new Map((await byIds(ids.map((row) => row.id))).map((record) => [record.id, record]));
      return {
        rows: ids.flatMap((row) => records.get(row.id) ?? []),
        total: counted[0]?.total ?? 0,
      };
    },
    async create(initiative) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.initiative.create({ data: { ...initiative, status: "published" } });
        await recordEvents(tx, "directory", [
          {
            type: "initiative.published",
            subject: `initiative:${row.id}`,
            payload: {
              initiativeId: row.id,
              quartierId: row.quartierId,
              seekingVolunteers: row.volunteersWanted,
            },
          },
        ]);
        return toRecord(row);
      });
    },
    async cancel(id) {
      return prisma.$transaction(async (tx) => {
        const rows = await tx.initiative.updateManyAndReturn({
          where: { id },
          data: { status: "cancelled", updatedAt: new Date() },
        });
        if (!rows[0]) return null;
        await recordEvents(tx, "directory", [
          { type: "initiative.cancelled", subject: `initiative:${id}`, payload: { initiativeId: id } },
        ]);
        return toRecord(rows[0]);
      });
    },
    async volunteerCounts(ids) {
      const groups = await prisma.initiativeVolunteer.groupBy({
        by: ["initiativeId"],
        where: { initiativeId: { in: [...ids] } },
        _count: { _all: true },
      });
      return new Map(groups.map((group) => [group.initiativeId, group._count._all]));
    },
    async volunteeredBy(accountId, ids) {
      const rows = await prisma.initiativeVolunteer.findMany({
        where: { accountId, initiativeId: { in: [...ids] } },
        select: { initiativeId: true },
      });
      return new Set(rows.map((row) => row.initiativeId));
    },
    async addVolunteer(initiativeId, accountId, now) {
      return prisma.$transaction(async (tx) => {
        // FOR UPDATE serialises volunteers of one initiative: the count below cannot go stale before the insert.
        const locked = await tx.$queryRawUnsafe<Row[]>(
          `SELECT id, status, volunteers_wanted AS "volunteersWanted", volunteers_needed AS "volunteersNeeded",
                  volunteer_deadline AS "volunteerDeadline"
           FROM "directory"."initiative" WHERE id = $1::uuid FOR UPDATE`,
          initiativeId,
        );
        const initiative = locked[0];
        if (!initiative) return "closed";
        const already = await tx.initiativeVolunteer.findFirst({ where: { initiativeId, accountId } });
        if (already) return "already";
        if (initiative.status !== "published" || !initiative.volunteersWanted) return "closed";
        if (initiative.volunteerDeadline && new Date(initiative.volunteerDeadline) <= now) return "closed";
        if (initiative.volunteersNeeded !== null) {
          const count = await tx.initiativeVolunteer.count({ where: { initiativeId } });
          if (count >= initiative.volunteersNeeded) return "closed";
        }
        await tx.initiativeVolunteer.create({ data: { id: newId(), initiativeId, accountId } });
        return "added";
      });
    },
    async removeVolunteer(initiativeId, accountId) {
      const { count } = await prisma.initiativeVolunteer.deleteMany({ where: { initiativeId, accountId } });
      return count > 0;
    },
    async countInBox(box, now) {
      const rows = await sql.query<{ total: number }>(
        `SELECT count(*)::int AS total FROM "directory"."initiative" WHERE ${ON_MAP}`,
        [box.minLat, box.maxLat, box.minLon, box.maxLon, now.toISOString()],
      );
      return rows[0]?.total ?? 0;
    },
    async pointsInBox(box, now, limit) {
      const rows = await sql.query<{ id: string }>(
        `SELECT id::text AS id FROM "directory"."initiative" WHERE ${ON_MAP} ORDER BY starts_at, id LIMIT $6`,
        [box.minLat, box.maxLat, box.minLon, box.maxLon, now.toISOString(), limit],
      );
      return byIds(rows.map((row) => row.id));
    },
    clustersInBox(box, now, grid) {
      return gridClusters(
        sql,
        { table: '"directory"."initiative"', where: ON_MAP, values: [now.toISOString()] },
        box,
        grid,
        byIds,
      );
    },
  };
}
