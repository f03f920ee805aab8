// Reports, their history, supports and contacts on Prisma (writes in interactive transactions with the outbox) and
// on parameterised SQL for the report lists, whose filters (bounding box, distance, statuses…) Prisma cannot say.
import type { Database } from "../../../platform/db/database.ts";
import { newId } from "../../../platform/ids.ts";
import { recordEvents } from "../../../platform/outbox.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import { boxAround, haversineSql } from "../domain/geo.ts";
import { OPEN_STATUSES, type ReportStatus } from "../domain/lifecycle.ts";
import type { HistoryEntryRecord, ReportEvent } from "../domain/model.ts";
import type { ReportListFilter, ReportRecords } from "../ports/reportStore.ts";
import { historyFromModel, type ReportRow, reportFromRow } from "./reportRows.ts";

const SCHEMA = "reports";

/** Thrown inside a transaction to roll it back with a known outcome. */
class Abort extends Error {
  readonly outcome: string;
  constructor(outcome: string) {
    super(outcome);
    this.outcome = outcome;
  }
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function prismaReportRecords(db: Database): ReportRecords {
  const prisma = db.prisma;

  async function writeHistoryAndEvents(
    tx: Tx,
    history: readonly HistoryEntryRecord[],
    events: readonly ReportEvent[],
  ): Promise<void> {
    if (history.length > 0) await tx.reportHistoryEntry.createMany({ data: [...history] });
    if (events.length > 0) await recordEvents(tx, SCHEMA, events);
  }

  async function reportsByIds(ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await db.query<ReportRow>(`SELECT * FROM reports.report WHERE id = ANY($1::uuid[])`, [
      [...ids],
    ]);
    return rows.map(reportFromRow);
  }

  return {
    reportsByIds,
    async reportByTrackingToken(token) {
      const [row] = await db.query<ReportRow>(`SELECT * FROM reports.report WHERE tracking_token = $1`, [
        token,
      ]);
      return row ? reportFromRow(row) : null;
    },
    async listReports(filter, page) {
      const params: unknown[] = [];
      const where = conditions(filter, params);
      const countSql = `SELECT count(*)::int AS total FROM reports.report WHERE ${where.join(" AND ")}`;
      const countParams = [...params];
      if (page.after) {
        params.push(page.after.id);
        where.push(page.order === "newest" ? `id < $${params.length}::uuid` : `id > $${params.length}::uuid`);
      }
      params.push(page.first + 1);
      const [rows, [count]] = await Promise.all([
        db.query<ReportRow>(
          `SELECT * FROM reports.report WHERE ${where.join(" AND ")}
           ORDER BY id ${page.order === "newest" ? "DESC" : "ASC"} LIMIT $${params.length}`,
          params,
        ),
        db.query<{ total: number }>(countSql, countParams),
      ]);
      return { rows: rows.map(reportFromRow), total: count?.total ?? 0 };
    },
    async reportsForMap(filter, limit) {
      const params: unknown[] = [];
      const where = conditions(filter, params);
      params.push(limit);
      const rows = await db.query<ReportRow>(
        `SELECT * FROM reports.report WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
        params,
      );
      return rows.map(reportFromRow);
    },
    async findSimilar(query) {
      const box = boxAround(query, query.radiusMeters);
      const rows = await db.query<ReportRow>(
        `SELECT * FROM (
           SELECT r.*, ${haversineSql("$2::float8", "$3::float8", "r.")} AS distance
           FROM reports.report r
           WHERE r.category_id = $1::uuid AND r.status = ANY($4::text[]) AND r.created_at >= $5::timestamptz
             AND r.lat BETWEEN $6::float8 AND $7::float8 AND r.lon BETWEEN $8::float8 AND $9::float8
             AND ($10::uuid IS NULL OR r.id <> $10::uuid)
         ) candidates
         WHERE distance <= $11::float8 ORDER BY distance, id LIMIT $12`,
        [
          query.categoryId,
          query.lat,
          query.lon,
          [...OPEN_STATUSES],
          query.since,
          box.south,
          box.north,
          box.west,
          box.east,
          query.excludeId ?? null,
          query.radiusMeters,
          query.limit,
        ],
      );
      return rows.map(reportFromRow);
    },
    async historyOfReports(reportIds) {
      const rows = await prisma.reportHistoryEntry.findMany({
        where: { reportId: { in: [...reportIds] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(historyFromModel);
    },
    async publicStaffUpdates(since, until, limit) {
      // The status after a line: its own target, else the last target before it, else the report's first status.
      const rows = await db.query<{
        id: string;
        report_id: string;
        kind: string;
        status: string;
        public_note: string | null;
        created_at: Date | string;
      }>(
        `SELECT h.id, h.report_id, h.kind, h.public_note, h.created_at,
                COALESCE(h.to_status,
                  (SELECT p.to_status FROM reports.report_history_entry p
                    WHERE p.report_id = h.report_id AND p.to_status IS NOT NULL
                      AND (p.created_at, p.id) < (h.created_at, h.id)
                    ORDER BY p.created_at DESC, p.id DESC LIMIT 1),
                  r.status) AS status
           FROM reports.report_history_entry h JOIN reports.report r ON r.id = h.report_id
          WHERE h.public AND h.actor_kind = 'staff' AND h.created_at >= $1 AND h.created_at <= $2
          ORDER BY h.created_at, h.id LIMIT $3`,
        [since, until, limit],
      );
      return rows.map((row) => ({
        id: row.id,
        reportId: row.report_id,
        kind: row.kind as HistoryEntryRecord["kind"],
        status: row.status as ReportStatus,
        note: row.public_note,
        at: new Date(row.created_at),
      }));
    },
    async addPartnerUpdate(entry, photoIds) {
      const existing = async () =>
        entry.partnerClientId && entry.partnerUpdateId
          ? prisma.reportHistoryEntry.findFirst({
              where: { partnerClientId: entry.partnerClientId, partnerUpdateId: entry.partnerUpdateId },
              select: { id: true },
            })
          : null;
      const before = await existing();
      if (before) return { id: before.id, duplicate: true };
      try {
        await prisma.$transaction(async (tx) => {
          await tx.reportHistoryEntry.create({ data: entry });
          await tx.report.update({ where: { id: entry.reportId }, data: { updatedAt: entry.createdAt } });
          const last = await tx.reportPhoto.aggregate({
            where: { reportId: entry.reportId },
            _max: { position: true },
          });
          const first = (last._max.position ?? -1) + 1;
          for (const [offset, id] of photoIds.entries()) {
            const { count } = await tx.reportPhoto.updateMany({
              where: { id, reportId: null, expiresAt: { gt: new Date() } },
              data: { reportId: entry.reportId, position: first + offset, expiresAt: null },
            });
            if (count !== 1) throw new Abort("photos_taken");
          }
        });
        return { id: entry.id, duplicate: false };
      } catch (error) {
        if (error instanceof Abort) return "photos_taken";
        // The same update sent twice at once: the unique (partner, update id) keeps one.
        const winner = await existing();
        if (winner) return { id: winner.id, duplicate: true };
        throw error;
      }
    },
    contactsOfReports: (reportIds) =>
      prisma.reportContact.findMany({
        where: { reportId: { in: [...reportIds] } },
        select: { reportId: true, firstName: true, lastName: true, email: true, phone: true },
      }),
    async supportedAmong(accountId, reportIds) {
      const rows = await prisma.reportSupport.findMany({
        where: { accountId, reportId: { in: [...reportIds] } },
        select: { reportId: true },
      });
      return new Set(rows.map((row) => row.reportId));
    },
    async supportersOf(reportId) {
      const rows = await prisma.reportSupport.findMany({ where: { reportId }, select: { accountId: true } });
      return rows.map((row) => row.accountId);
    },
    async createReport(write) {
      try {
        await prisma.$transaction(async (tx) => {
          const { report } = write;
          await tx.report.create({
            data: {
              ...report,
              attributes: report.attributes,
              externalMediaUrls: [...report.externalMediaUrls],
            },
          });
          if (write.contact) await tx.reportContact.create({ data: write.contact });
          for (const [position, id] of write.photoIds.entries()) {
            const { count } = await tx.reportPhoto.updateMany({
              where: { id, reportId: null, expiresAt: { gt: new Date() } },
              data: { reportId: report.id, position, expiresAt: null },
            });
            if (count !== 1) throw new Abort("photos_taken");
          }
          await writeHistoryAndEvents(tx, write.history, write.events);
        });
        return "created";
      } catch (error) {
        if (error instanceof Abort) return "photos_taken";
        throw error;
      }
    },
    async updateReport(update) {
      const changed = await prisma.$transaction(async (tx) => {
        const { count } = await tx.report.updateMany({
          where: { id: update.id, status: update.expected.status, serviceCode: update.expected.serviceCode },
          data: { ...update.patch, updatedAt: new Date() },
        });
        if (count === 0) return false;
        await writeHistoryAndEvents(tx, update.history, update.events);
        return true;
      });
      if (!changed) return null;
      return (await reportsByIds([update.id]))[0] ?? null;
    },
    async addSupport(reportId, supportId, accountId, events) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.reportSupport.createMany({
          data: [{ id: supportId, reportId, accountId }],
          skipDuplicates: true,
        });
        if (count === 0) return false;
        await tx.report.update({ where: { id: reportId }, data: { supportCount: { increment: 1 } } });
        await recordEvents(tx, SCHEMA, events);
        return true;
      });
    },
    async merge(merge) {
      return prisma.$transaction(async (tx) => {
        const { duplicate } = merge;
        const { count } = await tx.report.updateMany({
          where: {
            id: duplicate.id,
            status: duplicate.expected.status,
            serviceCode: duplicate.expected.serviceCode,
          },
          data: { ...duplicate.patch, updatedAt: new Date() },
        });
        if (count === 0) return false;
        const { count: added } = await tx.reportSupport.createMany({
          data: merge.supporters.map((accountId) => ({ id: newId(), reportId: merge.intoId, accountId })),
          skipDuplicates: true,
        });
        await tx.report.update({
          where: { id: merge.intoId },
          data: { supportCount: { increment: added }, updatedAt: new Date() },
        });
        await writeHistoryAndEvents(tx, [...duplicate.history, ...merge.intoHistory], duplicate.events);
        return true;
      });
    },
  };
}

/** SQL conditions for a report filter, appending their parameters. Never interpolates a value. */
function conditions(filter: ReportListFilter, params: unknown[]): string[] {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ["true"];
  if (filter.bbox) {
    const { south, north, west, east } = filter.bbox;
    where.push(`lat BETWEEN ${add(south)}::float8 AND ${add(north)}::float8`);
    where.push(`lon BETWEEN ${add(west)}::float8 AND ${add(east)}::float8`);
  }
  if (filter.near) {
    const box = boxAround(filter.near, filter.near.radiusMeters);
    where.push(`lat BETWEEN ${add(box.south)}::float8 AND ${add(box.north)}::float8`);
    where.push(`lon BETWEEN ${add(box.west)}::float8 AND ${add(box.east)}::float8`);
    const lat = add(filter.near.lat);
    const lon = add(filter.near.lon);
    where.push(
      `${haversineSql(`${lat}::float8`, `${lon}::float8`)} <= ${add(filter.near.radiusMeters)}::float8`,
    );
  }
  if (filter.statuses) where.push(`status = ANY(${add([...filter.statuses])}::text[])`);
  if (filter.categoryCodes) {
    where.push(
      `category_id IN (SELECT id FROM reports.report_category WHERE code = ANY(${add([...filter.categoryCodes])}::text[]))`,
    );
  }
  if (filter.quartierId) where.push(`quartier_id = ${add(filter.quartierId)}::uuid`);
  if (filter.since) where.push(`created_at >= ${add(filter.since)}::timestamptz`);
  if (filter.until) where.push(`created_at < ${add(filter.until)}::timestamptz`);
  if (filter.ids) where.push(`id = ANY(${add([...filter.ids])}::uuid[])`);
  if (filter.reporterAccountId) where.push(`reporter_account_id = ${add(filter.reporterAccountId)}::uuid`);
  if (filter.serviceCode) where.push(`service_code = ${add(filter.serviceCode)}`);
  if (filter.assignee === "unassigned") where.push("assignee_account_id IS NULL");
  else if (filter.assignee) where.push(`assignee_account_id = ${add(filter.assignee.accountId)}::uuid`);
  if (filter.needsRouting !== undefined) where.push(`needs_routing = ${add(filter.needsRouting)}`);
  return where;
}
