// Writes audit records to the staff subgraph (its internal `_recordAudit` mutation, as the system caller, through
// the platform's subgraph client) without holding up the response: each write runs in the background, is retried,
// and is logged at error level with the whole record if it finally fails — the record holds no personal data
// (hashes, field coordinates, a pseudonymous id), so the log line itself is the evidence and can be replayed.
import { dataOf, type SubgraphClient } from "../../platform/internalClient.ts";
import type { Logger } from "../../platform/logger.ts";

export interface AuditRecordInput {
  id: string;
  occurredAt: string;
  actorKind: "staff" | "partner";
  actorAccountId: string | null;
  actorClientId: string | null;
  staffService: string | null;
  operationName: string | null;
  operationType: "query" | "mutation" | "subscription";
  documentHash: string;
  variablesHash: string;
  personalFields: string[];
  personalValueCount: number;
  requestId: string;
}

export interface AuditWriter {
  /** Queues a record; resolves once it is written or given up on (never rejects). */
  record(record: AuditRecordInput): Promise<void>;
  /** Waits for every queued write (shutdown, tests). */
  flush(): Promise<void>;
}

const RECORD = /* GraphQL */ `mutation RecordAudit($records: [AuditRecordInput!]!) {
  _recordAudit(records: $records) { id ledgerIndex }
}`;

export interface AuditWriterOptions {
  /** The subgraph client, absent when no staff subgraph is configured (every record is then logged as lost). */
  staff: Pick<SubgraphClient, "execute"> | undefined;
  log: Logger;
  /** Delays between attempts; a batch is tried once more than there are delays. */
  retryDelaysMs?: readonly number[];
  /** Records waiting at most; beyond it new ones are logged as lost at once rather than exhausting memory. */
  maxPending?: number;
  /** Records per write (the staff subgraph accepts 100 at most). */
  batchSize?: number;
}

/**
 * One writer per gateway: records queue up while a write is in flight and leave together in the next one, so a
 * burst of audited operations costs a few transactions, not one each. Writes are idempotent by record id, so a
 * retried batch never duplicates a record.
 */
export function createAuditWriter(options: AuditWriterOptions): AuditWriter {
  const delays = options.retryDelaysMs ?? [100, 500, 2_000, 5_000];
  const maxPending = options.maxPending ?? 10_000;
  const batchSize = Math.min(options.batchSize ?? 100, 100);
  const log = options.log.child({ component: "audit" });
  const queue: AuditRecordInput[] = [];
  let draining: Promise<void> | undefined;

  const lost = (records: AuditRecordInput[], reason: string) => {
    for (const record of records) {
      log.error(
        { auditRecord: record, reason },
        "audit record NOT written: kept in this log line for replay",
      );
    }
  };

  async function write(batch: AuditRecordInput[]): Promise<void> {
    if (!options.staff) return lost(batch, "no staff subgraph is configured");
    for (let attempt = 0; ; attempt++) {
      try {
        dataOf("staff", await options.staff.execute("staff", RECORD, { records: batch }));
        return;
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined) return lost(batch, (error as Error).message);
        log.warn({ records: batch.length, attempt: attempt + 1 }, "audit write failed, retrying");
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) await write(queue.splice(0, batchSize));
  }

  return {
    record(record) {
      if (queue.length >= maxPending) {
        lost([record], "too many audit writes pending");
        return Promise.resolve();
      }
      queue.push(record);
      // Started on the next microtask: records queued in the same tick leave in the same write.
      draining ??= Promise.resolve()
        .then(drain)
        .finally(() => {
          draining = undefined;
        });
      return draining;
    },
    async flush() {
      while (draining) await draining;
    },
  };
}
