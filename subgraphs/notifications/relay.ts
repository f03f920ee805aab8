// The outbox relay: delivers the events a subgraph wrote to its own "<schema>".outbox_event table (see
// subgraphs/kit/outbox.ts), at least once, in order per subject, with retries (exponential backoff + full jitter)
// and a dead-letter state. It runs with the database of the subgraph that owns the outbox (design rule: a subgraph
// owns its tables), hands each event to a `deliver` function, and records the outcome.
//
// Claiming is one statement (`FOR UPDATE SKIP LOCKED`, PostgreSQL and PGlite): several relays never claim the same
// row at once. A claim is a lease: it pushes next_attempt_at forward, so an event claimed by a relay that dies
// before acknowledging becomes claimable again when the lease ends — delivered twice, recognised by its id.
// Only the oldest pending event of each subject is claimable, so a subject's events are delivered in order; a
// dead-lettered event keeps blocking its subject until staff replay it (order is never silently broken).
import type { SqlRunner } from "../kit/db/database.ts";

export interface OutboxEvent {
  id: string;
  type: string;
  subject: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  attempts: number;
}

export interface RelayOptions {
  /** The outbox's PostgreSQL schema (`reports`, `petitions`, …). */
  schema: string;
  /** Claimed per batch. */
  batchSize?: number;
  /** How long a claim is exclusive; past it a crashed relay's claim is taken over. */
  leaseMs?: number;
  /** Attempts after which an event is dead-lettered. */
  maxAttempts?: number;
  /** Backoff: base × 2^(attempt-1), capped, with full jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Injected clock (tests simulate long outages without waiting). */
  now?: () => Date;
  random?: () => number;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

interface Row {
  id: string;
  type: string;
  subject: string;
  payload: unknown;
  occurred_at: Date | string;
  attempts: number;
}

/** Delay before the next attempt after `attempt` failed ones: full jitter over an exponential ceiling. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function createOutboxRelay(db: SqlRunner, options: RelayOptions) {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
  const table = `"${options.schema}"."outbox_event"`;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 12;
  const baseMs = options.backoffBaseMs ?? 1_000;
  const maxMs = options.backoffMaxMs ?? 3_600_000;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;

  /** Leases up to batchSize due events, each the oldest pending one of its subject. */
  async function claim(): Promise<OutboxEvent[]> {
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
       RETURNING o.id, o.type, o.subject, o.payload, o.occurred_at, o.attempts`,
      [at.toISOString(), batchSize, new Date(at.getTime() + leaseMs).toISOString()],
    );
    return rows
      .map((row) => ({
        id: row.id,
        type: row.type,
        subject: row.subject,
        payload: (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload) as Record<
          string,
          unknown
        >,
        occurredAt: new Date(row.occurred_at),
        attempts: row.attempts,
      }))
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : 1));
  }

  async function acknowledge(id: string): Promise<void> {
    await db.query(
      `UPDATE ${table} SET delivered_at = $2::timestamptz, last_error = NULL WHERE id = $1::uuid`,
      [id, now().toISOString()],
    );
  }

  /** Records a failed attempt: a later retry, or the dead-letter state after maxAttempts. */
  async function fail(event: OutboxEvent, reason: string): Promise<"retry" | "dead_lettered"> {
    const at = now();
    const error = reason.slice(0, 500);
    if (event.attempts >= maxAttempts) {
      await db.query(
        `UPDATE ${table} SET dead_lettered_at = $2::timestamptz, last_error = $3 WHERE id = $1::uuid`,
        [event.id, at.toISOString(), error],
      );
      return "dead_lettered";
    }
    const next = new Date(at.getTime() + backoffDelayMs(event.attempts, baseMs, maxMs, random));
    await db.query(
      `UPDATE ${table} SET next_attempt_at = $2::timestamptz, last_error = $3 WHERE id = $1::uuid`,
      [event.id, next.toISOString(), error],
    );
    return "retry";
  }

  /**
   * One pass: claim, deliver in order, record outcomes. Events of one subject are never in the same batch twice
   * (only a subject's head is claimable), so the batch can be delivered sequentially without reordering.
   */
  async function runOnce(deliver: (event: OutboxEvent) => Promise<void>) {
    const events = await claim();
    const outcome = { claimed: events.length, delivered: 0, retried: 0, deadLettered: 0 };
    for (const event of events) {
      try {
        await deliver(event);
        await acknowledge(event.id);
        outcome.delivered++;
      } catch (error) {
        const result = await fail(event, error instanceof Error ? error.message : String(error));
        if (result === "retry") outcome.retried++;
        else outcome.deadLettered++;
      }
    }
    return outcome;
  }

  /** Staff replay: dead-lettered events (all, or the given ids) become due again with a fresh attempt budget. */
  async function replayDeadLettered(ids?: readonly string[]): Promise<number> {
    const at = now().toISOString();
    const rows = await db.query<{ id: string }>(
      `UPDATE ${table} SET dead_lettered_at = NULL, attempts = 0, next_attempt_at = $1::timestamptz
        WHERE dead_lettered_at IS NOT NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) RETURNING id`,
      [at, ids ? [...ids] : null],
    );
    return rows.length;
  }

  async function deadLettered(): Promise<
    { id: string; type: string; subject: string; lastError: string | null }[]
  > {
    const rows = await db.query<{ id: string; type: string; subject: string; last_error: string | null }>(
      `SELECT id, type, subject, last_error FROM ${table} WHERE dead_lettered_at IS NOT NULL ORDER BY occurred_at, id`,
    );
    return rows.map((row) => ({
      id: row.id,
      type: row.type,
      subject: row.subject,
      lastError: row.last_error,
    }));
  }

  return { claim, acknowledge, fail, runOnce, replayDeadLettered, deadLettered };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;

/** Runs a relay every intervalMs until stopped; a failing pass is logged by the caller's onError and retried. */
export function startRelayLoop(
  relay: OutboxRelay,
  deliver: (event: OutboxEvent) => Promise<void>,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = relay.runOnce(deliver).catch(onError);
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs).unref();
  };
  // unref: the loop never keeps a process alive on its own (shutdown is the process's business).
  let timer = setTimeout(tick, 0).unref();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
