// InvestigationStore on Prisma ("staff".investigation).

import { containsText } from "../../../platform/db/textSearch.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import type { InvestigationRecord, Visibility } from "../domain/investigation.ts";
import type { InvestigationStore } from "../ports/investigationStore.ts";

type Row = Awaited<ReturnType<PrismaClient["staffInvestigation"]["findFirstOrThrow"]>>;

function toRecord(row: Row): InvestigationRecord {
  return {
    ...row,
    variables: (row.variables ?? {}) as Record<string, unknown>,
    visibility: row.visibility as Visibility,
  };
}

/** Prisma's unique-constraint error, whatever the driver adapter. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export function prismaInvestigationStore(prisma: PrismaClient): InvestigationStore {
  const nameTaken = async (service: string, name: string, exceptId?: string) =>
    (await prisma.staffInvestigation.findFirst({
      where: { service, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { id: true },
    })) !== null;

  return {
    async list(scope, query, limit, after) {
      const and: Prisma.StaffInvestigationWhereInput[] = [];
      if (!scope.everything) {
        and.push({
          OR: [{ visibility: "all_staff" }, ...(scope.service ? [{ service: scope.service }] : [])],
        });
      }
      if (query.service) and.push({ service: query.service });
      if (query.search) {
        and.push({
          OR: [{ name: containsText(query.search) }, { description: containsText(query.search) }],
        });
      }
      if (after) {
        const [name, id] = after;
        and.push({ OR: [{ name: { gt: name } }, { name, id: { gt: id } }] });
      }
      const rows = await prisma.staffInvestigation.findMany({
        where: { AND: and },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toRecord);
    },

    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await prisma.staffInvestigation.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toRecord);
    },

    async create(record) {
      if (await nameTaken(record.service, record.name)) return "name_taken";
      try {
        const row = await prisma.staffInvestigation.create({
          data: {
            ...record,
            variables: record.variables as Prisma.InputJsonObject,
            updatedByAccountId: record.createdByAccountId,
          },
        });
        return toRecord(row);
      } catch (error) {
        // Two agents saving the same name at once: the unique index decides.
        if (isUniqueViolation(error)) return "name_taken";
        throw error;
      }
    },

    async update(id, draft, updatedByAccountId) {
      const current = await prisma.staffInvestigation.findUnique({
        where: { id },
        select: { service: true },
      });
      if (!current) return null;
      if (await nameTaken(current.service, draft.name, id)) return "name_taken";
      try {
        const rows = await prisma.staffInvestigation.updateManyAndReturn({
          where: { id },
          data: {
            ...draft,
            variables: draft.variables as Prisma.InputJsonObject,
            updatedByAccountId,
            updatedAt: new Date(),
          },
        });
        return rows[0] ? toRecord(rows[0]) : null;
      } catch (error) {
        if (isUniqueViolation(error)) return "name_taken";
        throw error;
      }
    },

    async delete(id) {
      return (await prisma.staffInvestigation.deleteMany({ where: { id } })).count > 0;
    },

    async ofAccount(accountId) {
      const rows = await prisma.staffInvestigation.findMany({
        where: { OR: [{ createdByAccountId: accountId }, { updatedByAccountId: accountId }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toRecord);
    },

    async eraseAccount(accountId) {
      return prisma.$transaction(async (tx) => {
        const touched = await tx.staffInvestigation.count({
          where: { OR: [{ createdByAccountId: accountId }, { updatedByAccountId: accountId }] },
        });
        await tx.staffInvestigation.updateMany({
          where: { createdByAccountId: accountId },
          data: { createdByAccountId: null },
        });
        await tx.staffInvestigation.updateMany({
          where: { updatedByAccountId: accountId },
          data: { updatedByAccountId: null },
        });
        return touched;
      });
    },
  };
}
