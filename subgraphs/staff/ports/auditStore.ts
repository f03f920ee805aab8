// What the audit trail needs from storage: an append that writes the record and its ledger entry together.
import type { LedgerEntryInput } from "../../../platform/ledger/index.ts";
import type { ActorKind, AuditFacts, StoredAuditRecord } from "../domain/auditRecord.ts";

export interface AuditQuery {
  actorAccountId?: string | null;
  actorClientId?: string | null;
  actorKind?: ActorKind | null;
  operationName?: string | null;
  personalField?: string | null;
  since?: Date | null;
  until?: Date | null;
}

export interface AuditStore {
  /**
   * Appends records and their ledger entries, in order, in one transaction. Idempotent by record id: a retried write
   * returns the records already stored (`created: false`).
   */
  append(
    records: readonly {
      record: AuditFacts & { actorAccountId: string | null; digest: string };
      entry: LedgerEntryInput;
    }[],
  ): Promise<{ id: string; ledgerSeq: number; created: boolean }[]>;
  /** Up to `limit` records, most recent first, before the given key. */
  list(
    query: AuditQuery,
    limit: number,
    after?: [occurredAt: string, id: string],
  ): Promise<StoredAuditRecord[]>;
  /** Ledger entries by position (the log of the audit trail). */
  entries(seqs: readonly number[]): Promise<Map<number, { entry: string; leafHash: string }>>;
  /** Every record an account made, oldest first (its right of access). */
  ofAccount(accountId: string): Promise<StoredAuditRecord[]>;
  /** Erases the account id from the records it made (the token and the digest stay); returns the count. */
  eraseAccount(accountId: string): Promise<number>;
}
