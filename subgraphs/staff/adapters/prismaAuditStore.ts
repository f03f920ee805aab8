// AuditStore on Prisma ("staff".audit_record) and the shared ledger module (log "staff:audit" in the staff schema).
// The record and its ledger entry are written in one transaction: there is never a record without its entry, nor an
// entry without its record. The ledger serialises appends on its log row, which is what an audit trail wants.

import { appendEntry, toHex } from "../../../platform/ledger/index.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import {
  type ActorKind,
  AUDIT_LOG_ID,
  type OperationType,
  type StoredAuditRecord,
} from "../domain/auditRecord.ts";
import type { AuditStore } from "../ports/auditStore.ts";

export const LEDGER_SCHEMA = "staff";
// Generous waits: on PGlite one connection serialises every transaction (see platform/ledger/README.md).
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 };

type Row = Awaited<ReturnType<PrismaClient["staffAuditRecord"]["findFirstOrThrow"]>>;

function toRecord(row: Row): StoredAuditRecord {
  return {
    ...row,
    actorKind: row.actorKind as ActorKind,
    operationType: row.operationType as OperationType,
    personalFields: row.personalFields ?? [],
    ledgerSeq: Number(row.ledgerSeq),
  };
}

export function prismaAuditStore(prisma: PrismaClient): AuditStore {
  return {
    async append(records) {
      return prisma.$transaction(async (tx) => {
        const ids = records.map(({ record }) => record.id);
        const existing = new Map(
          (
            await tx.staffAuditRecord.findMany({
              where: { id: { in: ids } },
              select: { id: true, ledgerSeq: true },
            })
          ).map((row) => [row.id, Number(row.ledgerSeq)]),
        );
        const results: { id: string; ledgerSeq: number; created: boolean }[] = [];
        const rows = [];
        for (const { record, entry } of records) {
          const known = existing.get(record.id);
          if (known !== undefined) {
            results.push({ id: record.id, ledgerSeq: known, created: false });
            continue;
          }
          // Two statements per entry; the first locks the log row until the transaction ends.
          const appended = await appendEntry(tx, LEDGER_SCHEMA, AUDIT_LOG_ID, entry);
          existing.set(record.id, appended.seq);
          rows.push({ ...record, ledgerSeq: BigInt(appended.seq) });
          results.push({ id: record.id, ledgerSeq: appended.seq, created: true });
        }
        if (rows.length > 0) await tx.staffAuditRecord.createMany({ data: rows });
        return results;
      }, TRANSACTION_OPTIONS);
    },

    async list(query, limit, after) {
      const and: Prisma.StaffAuditRecordWhereInput[] = [];
      if (query.actorAccountId) and.push({ actorAccountId: query.actorAccountId });
      if (query.actorClientId) and.push({ actorClientId: query.actorClientId });
      if (query.actorKind) and.push({ actorKind: query.actorKind });
      if (query.operationName) and.push({ operationName: query.operationName });
      if (query.personalField) and.push({ personalFields: { has: query.personalField } });
      if (query.since) and.push({ occurredAt: { gte: query.since } });
      if (query.until) and.push({ occurredAt: { lt: query.until } });
      if (after) {
        const occurredAt = new Date(after[0]);
        and.push({ OR: [{ occurredAt: { lt: occurredAt } }, { occurredAt, id: { lt: after[1] } }] });
      }
      const rows = await prisma.staffAuditRecord.findMany({
        where: { AND: and },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        take: limit,
      });
      return rows.map(toRecord);
    },

    async entries(seqs) {
      if (seqs.length === 0) return new Map();
      const rows = await prisma.staffLedgerEntry.findMany({
        where: { logId: AUDIT_LOG_ID, seq: { in: seqs.map((seq) => BigInt(seq)) } },
        select: { seq: true, entry: true, leafHash: true },
      });
      return new Map(
        rows.map((row) => [
          Number(row.seq),
          { entry: row.entry, leafHash: toHex(new Uint8Array(row.leafHash)) },
        ]),
      );
    },

    async ofAccount(accountId) {
      const rows = await prisma.staffAuditRecord.findMany({
        where: { actorAccountId: accountId },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toRecord);
    },

    async eraseAccount(accountId) {
      const { count } = await prisma.staffAuditRecord.updateMany({
        where: { actorAccountId: accountId },
        data: { actorAccountId: null },
      });
      return count;
    },
  };
}
