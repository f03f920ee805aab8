// AccountStore on Prisma.

import type { Role, VerificationLevel } from "../../../platform/caller.ts";
import { newId } from "../../../platform/ids.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { AccountRecord, AccountStore } from "../ports/accountStore.ts";

const PUBLIC_COLUMNS = {
  id: true,
  verificationLevel: true,
  roles: true,
  staffService: true,
  homeQuartierId: true,
};

function toRecord(row: {
  id: string;
  verificationLevel: string;
  roles: string[];
  staffService: string | null;
  homeQuartierId: string | null;
}): AccountRecord {
  return {
    ...row,
    verificationLevel: row.verificationLevel as VerificationLevel,
    roles: row.roles as Role[],
  };
}

export function prismaAccountStore(prisma: PrismaClient): AccountStore {
  return {
    async upsertFromSignIn(snapshot) {
      const { id, subject, ...facts } = snapshot;
      // An erased account stays erased: a token issued before the erasure must not bring its data back.
      await prisma.account.createMany({ data: [{ id, subject, ...facts }], skipDuplicates: true });
      await prisma.account.updateMany({
        where: { id, erasedAt: null },
        data: { ...facts, lastSeenAt: new Date() },
      });
    },
    async accountsByIds(ids) {
      const rows = await prisma.account.findMany({
        where: { id: { in: [...ids] }, erasedAt: null },
        select: PUBLIC_COLUMNS,
      });
      return rows.map(toRecord);
    },
    async setHomeQuartier(accountId, quartierId) {
      const rows = await prisma.account.updateManyAndReturn({
        where: { id: accountId, erasedAt: null },
        data: { homeQuartierId: quartierId },
        select: PUBLIC_COLUMNS,
      });
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async participantCounts(quartierIds) {
      const groups = await prisma.account.groupBy({
        by: ["homeQuartierId"],
        where: { homeQuartierId: { in: [...quartierIds] }, erasedAt: null },
        _count: { _all: true },
      });
      return new Map(groups.map((group) => [group.homeQuartierId ?? "", group._count._all]));
    },
    async subjectsByIds(ids) {
      const rows = await prisma.account.findMany({
        where: { id: { in: [...ids] }, erasedAt: null },
        select: { id: true, subject: true },
      });
      return new Map(rows.map((row) => [row.id, row.subject]));
    },
    liveSubjects(afterId, limit) {
      return prisma.account.findMany({
        where: { erasedAt: null, ...(afterId ? { id: { gt: afterId } } : {}) },
        select: { id: true, subject: true },
        orderBy: { id: "asc" },
        take: limit,
      });
    },
    async exportAccount(accountId) {
      const row = await prisma.account.findFirst({ where: { id: accountId, erasedAt: null } });
      if (!row) return null;
      const { subject, ...account } = row;
      return { ...account, monStrasbourgId: subject };
    },
    async dataRequestsOf(accountId) {
      const rows = await prisma.dataRequest.findMany({
        where: { accountId },
        orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      });
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        requestedAt: row.requestedAt,
        completedAt: row.completedAt,
        outcome: row.outcome,
      }));
    },
    async recordDataRequest(accountId, kind) {
      const id = newId();
      await prisma.dataRequest.create({ data: { id, accountId, kind } });
      return id;
    },
    async completeDataRequest(id, outcome) {
      await prisma.dataRequest.update({
        where: { id },
        data: { completedAt: new Date(), outcome: outcome as object },
      });
    },
    async deleteDataRequestsBefore(before) {
      return (await prisma.dataRequest.deleteMany({ where: { requestedAt: { lt: before } } })).count;
    },
    async eraseAccount(accountId) {
      // The subject is replaced by a value that names no one but stays unique; the row keeps the account's
      // pseudonymous id valid for references held elsewhere, which now resolve to nothing personal.
      const { count } = await prisma.account.updateMany({
        where: { id: accountId, erasedAt: null },
        data: {
          subject: `erased:${accountId}`,
          roles: [],
          staffService: null,
          homeQuartierId: null,
          verificationLevel: "unverified",
          erasedAt: new Date(),
        },
      });
      return { erased: 0, pseudonymised: count };
    },
  };
}
