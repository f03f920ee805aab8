// What the petitions subgraph needs from storage for what staff record on a petition: paper signature batches and
// the audit of signature exports.
import type { Page } from "../../../platform/pagination.ts";
import type { ExportAuditRecord, PaperBatchRecord } from "../domain/model.ts";
import type { ListKey } from "./listKey.ts";

/** Paper batches and export audits, inside a petition transaction. */
export interface StaffRecordTx {
  insertPaperBatch(batch: PaperBatchRecord): Promise<void>;
  paperBatches(petitionId: string): Promise<PaperBatchRecord[]>;
  insertExportAudit(audit: ExportAuditRecord): Promise<void>;
}

/** Paper batch and export audit reads, for the loaders. */
export interface StaffRecordReads {
  paperBatchesOf(petitionIds: readonly string[]): Promise<PaperBatchRecord[]>;
  exportAudits(petitionId: string | null, page: Page<ListKey>): Promise<ExportAuditRecord[]>;
}
