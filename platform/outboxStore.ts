// The storage side of a subgraph's outbox (the columns documented in outbox.ts): claiming due events, recording
// deliveries and failures, dead letters and their replay. It runs inside the subgraph that owns the table (design
// rule: a subgraph owns its tables); the notifications worker reaches it only through the internal operations of
// outboxResolvers.ts, and decides the retry policy (backoff, dead-letter threshold) itself.
//
// Claiming is one statement (`FOR UPDATE SKIP LOCKED`, PostgreSQL and PGlite): several workers never claim the same
// row at once. A claim is a lease: it pushes next_attempt_at forward, so an event claimed by a worker that dies
// before acknowledging becomes claimable again when the lease ends — delivered twice, recognised by its id.
// Only the oldest undelivered event of each subject is claimable, so a subject's events are delivered in order; a
// dead-lettered event keeps blocking its subject until staff replay it (order is never silently broken).
import type { SqlRunner } from "./db/database.ts";

export interface StoredOutboxEvent {
  id: string;
  type: string;
  subject: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  attempts: number;
  lastError: string | null;
  deadLetteredAt: Date | null;
}

interface Row {
  id: string;
  type: string;
  subject: string;
  payload: unknown;
  occurred_at: Date | string;
  attempts: number;
  last_error: string | null;
  dead_lettered_at: Date | string | null;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;
const COLUMNS = "id, type, subject, payload, occurred_at, attempts, last_error, dead_lettered_at";
/** last_error is for operators; a reason longer than this is cut (it never carries personal data anyway). */
export const MAX_ERROR_LENGTH = 500;

const toEvent = (row: Row): StoredOutboxEvent => ({
  id: row.id,
  type: row.type,
  subject: row.subject,
  payload: (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as Record<
    string,
    unknown
  >,
  occurredAt: new Date(row.occurred_at),
  attempts: row.attempts,
  lastError: row.last_error,
  deadLetteredAt: row.dead_lettered_at === null ? null : new Date(row.dead_lettered_at),
});

const byOccurrence = (a: StoredOutboxEvent, b: StoredOutboxEvent) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export type FailOutcome = { retryInMs: number } | { deadLetter: true };

/** The outbox of `schema` (the subgraph's own PostgreSQL schema). `now` is injectable for tests. */
export function createOutboxStore(db: SqlRunner, schema: string, now: () => Date = () => new Date()) {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const table = `"${schema}"."outbox_event"`;

  return {
    /** Leases up to `limit` due events, each the oldest undelivered one of its subject; oldest first. */
    async claim(limit: number, leaseMs: number): Promise<StoredOutboxEvent[]> {
      const at = now();
      const rows = await db.query<Row>(
        `WITH due AS (
           SELECT e.id FROM ${table} e
            WHERE e.delivered_at IS NULL AND e.dead_lettered_at IS NULL AND e.next_attempt_at <= $1::timestamptz
              AND NOT EXISTS (
                SELECT 1 FROM ${table} p
                 WHERE p.subject = e.subject AND p.delivered_at IS NULL
                   AND (p.occurred_at < e.occurred_at OR (p.occurred_at = e.occurred_at AND p.id < e.id)))
            ORDER BY e.occurred_at, e.id
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
         UPDATE ${table} o
            SET attempts = o.attempts + 1, next_attempt_at = $3::timestamptz
           FROM due WHERE o.id = due.id
         RETURNING o.id, o.type, o.subject, o.payload, o.occurred_at, o.attempts, o.last_error, o.dead_lettered_at`,
        [at.toISOString(), limit, new Date(at.getTime() + leaseMs).toISOString()],
      );
      return rows.map(toEvent).sort(byOccurrence);
    },

    /** Marks events delivered; returns how many were still undelivered. */
    async acknowledge(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const rows = await db.query<{ id: string }>(
        `UPDATE ${table} SET delivered_at = $2::timestamptz, last_error = NULL
          WHERE id = ANY($1::uuid[]) AND delivered_at IS NULL RETURNING id`,
        [[...ids], now().toISOString()],
      );
      return rows.length;
    },

    /** Records a failed attempt: a retry after `retryInMs`, or the dead-letter state. False if nothing to fail. */
    async fail(id: string, reason: string, outcome: FailOutcome): Promise<boolean> {
      const at = now();
      const error = reason.slice(0, MAX_ERROR_LENGTH);
      const rows =
        "deadLetter" in outcome
          ? await db.query(
              `UPDATE ${table} SET dead_lettered_at = $2::timestamptz, last_error = $3
                WHERE id = $1::uuid AND delivered_at IS NULL RETURNING id`,
              [id, at.toISOString(), error],
            )
          : await db.query(
              `UPDATE ${table} SET next_attempt_at = $2::timestamptz, last_error = $3
                WHERE id = $1::uuid AND delivered_at IS NULL RETURNING id`,
              [id, new Date(at.getTime() + outcome.retryInMs).toISOString(), error],
            );
      return rows.length > 0;
    },

    /** Staff replay: dead-lettered events (all, or the given ids) become due again with a fresh attempt budget. */
    async replayDeadLettered(ids?: readonly string[] | null): Promise<number> {
      const rows = await db.query<{ id: string }>(
        `UPDATE ${table} SET dead_lettered_at = NULL, attempts = 0, next_attempt_at = $1::timestamptz
          WHERE dead_lettered_at IS NOT NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id`,
        [now().toISOString(), ids ? [...ids] : null],
      );
      return rows.length;
    },

    /** Dead letters, oldest first. */
    async deadLettered(limit = 100): Promise<StoredOutboxEvent[]> {
      const rows = await db.query<Row>(
        `SELECT ${COLUMNS} FROM ${table} WHERE dead_lettered_at IS NOT NULL ORDER BY occurred_at, id LIMIT $1`,
        [limit],
      );
      return rows.map(toEvent);
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
