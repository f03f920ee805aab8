// SyncStore on Prisma.

import { newId } from "../../../platform/ids.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import type { Rejection, SyncRunRecord, SyncStatus, SyncStore } from "../ports/syncStore.ts";

function toRecord(row: Prisma.SyncRunGetPayload<object>): SyncRunRecord {
  return { ...row, status: row.status as SyncStatus, rejections: row.rejections as Rejection[] | null };
}

export function prismaSyncStore(prisma: PrismaClient): SyncStore {
  return {
    async start(source, at) {
      const id = newId();
      await prisma.syncRun.create({ data: { id, source, startedAt: at, status: "running" } });
      return id;
    },
    async finish(id, outcome, at) {
      const row = await prisma.syncRun.update({
        where: { id },
        data: {
          ...outcome.counts,
          status: outcome.status,
          rejections: outcome.rejections.length
            ? (outcome.rejections as unknown as Prisma.InputJsonValue)
            : undefined,
          error: outcome.error,
          finishedAt: at,
        },
      });
      return toRecord(row);
    },
    async recent(source, limit) {
      const rows = await prisma.syncRun.findMany({
        where: source ? { source } : {},
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take: limit,
      });
      return rows.map(toRecord);
    },
    async freshness(sources) {
      return Promise.all(
        sources.map(async (source) => {
          const [lastSuccess, lastAttempt] = await Promise.all([
            prisma.syncRun.findFirst({
              where: { source, status: { in: ["succeeded", "partial"] } },
              orderBy: { finishedAt: "desc" },
              select: { finishedAt: true },
            }),
            prisma.syncRun.findFirst({
              where: { source, status: { not: "running" } },
              orderBy: { startedAt: "desc" },
              select: { startedAt: true, status: true },
            }),
          ]);
          return {
            source,
            lastSuccessAt: lastSuccess?.finishedAt ?? null,
            lastAttemptAt: lastAttempt?.startedAt ?? null,
            lastAttemptFailed: lastAttempt?.status === "failed",
          };
        }),
      );
    },
  };
}
