// Domain events, written to the subgraph's own outbox table in the same transaction as the change that causes
// them (design: shared/design.md, "Events"), so no event is lost if the process dies before delivery. The
// subgraph exposes its outbox to the delivery worker (notifications) through internal operations — wrap its module
// with `withOutbox` (outboxResolvers.ts; storage in outboxStore.ts) — so no other subgraph reads these tables;
// consumers are idempotent by event id.
//
// Every subgraph that emits events asks for the outbox in its prisma/<subgraph>.prisma (the line « platform
// tables: outbox …, model prefix X »): its model, mapped to "<schema>"."outbox_event", is generated from one
// definition (prisma/platformModels.ts); its migration creates the table, whose columns
// tests/database/outboxShape.test.ts checks in every schema:
//   id UUID PK, type TEXT, subject TEXT, payload JSONB, occurred_at TIMESTAMPTZ(3) DEFAULT now(),
//   delivered_at TIMESTAMPTZ(3) NULL, attempts INT DEFAULT 0, next_attempt_at TIMESTAMPTZ(3) DEFAULT now(),
//   last_error TEXT NULL, dead_lettered_at TIMESTAMPTZ(3) NULL,
//   @@index([deliveredAt, nextAttemptAt]) and @@index([subject, occurredAt]).
import { newId } from "./ids.ts";
import { noteRecordedEvents } from "./publicCache.ts";
import { recordDomainEvents } from "./telemetry/metrics.ts";

export interface DomainEvent {
  /** Dotted, past tense: `petition.milestone_reached`, `report.status_changed`. */
  type: string;
  /** The aggregate the event is about (`petition:<id>`): delivery is ordered per subject. */
  subject: string;
  /** What consumers need; pseudonymous ids only, never names or e-mail addresses. */
  payload: Record<string, unknown>;
}

/** The part of a Prisma transaction client this needs (any subgraph's client has it). */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/** Appends events to "<schema>".outbox_event inside the caller's transaction; returns their ids. */
export async function recordEvents(
  tx: RawExecutor,
  schema: string,
  events: readonly DomainEvent[],
): Promise<string[]> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const ids: string[] = [];
  for (const event of events) {
    const id = newId();
    await tx.$executeRawUnsafe(
      `INSERT INTO "${schema}"."outbox_event" (id, type, subject, payload) VALUES ($1::uuid, $2, $3, $4::jsonb)`,
      id,
      event.type,
      event.subject,
      JSON.stringify(event.payload),
    );
    ids.push(id);
  }
  // The public response cache is invalidated once the transaction has committed (publicCache.ts).
  noteRecordedEvents(events.map((event) => event.type));
  recordDomainEvents(events.map((event) => event.type));
  return ids;
}
