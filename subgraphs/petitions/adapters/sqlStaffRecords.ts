// Paper signature batches and signature export audits in SQL (petitions.paper_batch, export_audit).
import type { Database, SqlRunner } from "../../../platform/db/database.ts";
import type { StaffRecordReads, StaffRecordTx } from "../ports/staffRecordStore.ts";
import { SELECT_AUDIT, SELECT_PAPER_BATCH, toExportAudit, toPaperBatch } from "./rows.ts";
import { query } from "./sql.ts";

export function staffRecordTx(sql: SqlRunner): StaffRecordTx {
  return {
    async insertPaperBatch(batch) {
      await query(
        sql,
        `INSERT INTO petitions.paper_batch (id, petition_id, count, collected_on, location, entered_by_account_id,
           entered_by_service, entered_at, ledger_seq)
         VALUES ($1::uuid, $2::uuid, $3::int, $4::date, $5, $6::uuid, $7, $8::timestamptz, $9::bigint)`,
        batch.id,
        batch.petitionId,
        batch.count,
        batch.collectedOn,
        batch.location,
        batch.enteredByAccountId,
        batch.enteredByService,
        batch.enteredAt,
        String(batch.ledgerSeq),
      );
    },
    async paperBatches(petitionId) {
      const rows = await query(
        sql,
        `SELECT ${SELECT_PAPER_BATCH} FROM petitions.paper_batch WHERE petition_id = $1::uuid ORDER BY entered_at, id`,
        petitionId,
      );
      return rows.map(toPaperBatch);
    },
    async insertExportAudit(audit) {
      await query(
        sql,
        `INSERT INTO petitions.export_audit (id, petition_id, actor_account_id, actor_service, purpose, row_count, exported_at, ledger_seq)
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::int, $7::timestamptz, $8::bigint)`,
        audit.id,
        audit.petitionId,
        audit.actorAccountId,
        audit.actorService,
        audit.purpose,
        audit.rowCount,
        audit.exportedAt,
        String(audit.ledgerSeq),
      );
    },
  };
}

export function staffRecordReads(db: Database): StaffRecordReads {
  return {
    async paperBatchesOf(petitionIds) {
      if (petitionIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_PAPER_BATCH} FROM petitions.paper_batch WHERE petition_id = ANY($1::uuid[]) ORDER BY entered_at, id`,
        [...petitionIds],
      );
      return rows.map(toPaperBatch);
    },
    async exportAudits(petitionId, page) {
      const values: unknown[] = [petitionId];
      let after = "";
      if (page.after) {
        values.push(page.after.v, page.after.id);
        after = `AND (a.exported_at, a.id) < ($2::timestamptz, $3::uuid)`;
      }
      const rows = await query(
        db,
        `SELECT ${SELECT_AUDIT} FROM petitions.export_audit a
         WHERE ($1::uuid IS NULL OR a.petition_id = $1::uuid) ${after}
         ORDER BY a.exported_at DESC, a.id DESC LIMIT ${page.first + 1}`,
        ...values,
      );
      return rows.map(toExportAudit);
    },
  };
}
