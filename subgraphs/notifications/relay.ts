// The outbox relay: delivers the events an emitting subgraph wrote to its own outbox, at least once, in order per
// subject, with retries (exponential backoff + full jitter) and a dead-letter state. It never touches another
// subgraph's tables: it calls the emitting subgraph's internal outbox operations (platform/outboxResolvers.ts:
// `_claimEvents`, `_acknowledgeEvents`, `_failEvent`, `_replayDeadLettered`, `_deadLetteredEvents`) as the system
// caller, in-process or over HTTP (platform/internalClient.ts). The emitting subgraph owns the storage
// semantics (FOR UPDATE SKIP LOCKED claims, per-subject ordering, leases, see platform/outboxStore.ts); the
// relay owns the policy: how long a lease lasts, when to retry, when to give up.
import type { SubgraphName } from "../../platform/config.ts";
import type { InternalClient } from "../../platform/internalClient.ts";

export interface OutboxEvent {
  id: string;
  type: string;
  subject: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  attempts: number;
}

export interface DeadLetter {
  id: string;
  type: string;
  subject: string;
  lastError: string | null;
}

/** One GraphQL operation on the emitting subgraph, as the system caller. */
export type OutboxCall = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface RelayOptions {
  /** The emitting subgraph (`reports`, `petitions`, …), for logs. */
  source: string;
  /** Claimed per batch. */
  batchSize?: number;
  /** How long a claim is exclusive; past it a crashed relay's claim is taken over. */
  leaseMs?: number;
  /** Attempts after which an event is dead-lettered. */
  maxAttempts?: number;
  /** Backoff: base × 2^(attempt-1), capped, with full jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
}

/** Delay before the next attempt after `attempt` failed ones: full jitter over an exponential ceiling. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const EVENT_FIELDS = "id type subject payload occurredAt attempts";
const CLAIM = `mutation Claim($limit: Int!, $leaseMs: Int!) { _claimEvents(limit: $limit, leaseMs: $leaseMs) { ${EVENT_FIELDS} } }`;
const ACKNOWLEDGE = "mutation Acknowledge($ids: [ID!]!) { _acknowledgeEvents(ids: $ids) }";
const FAIL = `mutation Fail($id: ID!, $error: String!, $retryInMs: Int, $deadLetter: Boolean) {
  _failEvent(id: $id, error: $error, retryInMs: $retryInMs, deadLetter: $deadLetter)
}`;
const REPLAY = "mutation Replay($ids: [ID!]) { _replayDeadLettered(ids: $ids) }";
const DEAD_LETTERS =
  "query DeadLetters($first: Int) { _deadLetteredEvents(first: $first) { id type subject lastError } }";

interface WireEvent {
  id: string;
  type: string;
  subject: string;
  payload: string;
  occurredAt: string;
  attempts: number;
}

/** The calls of a relay on `source` through the platform's internal client. */
export function outboxCall(internal: InternalClient, source: SubgraphName): OutboxCall {
  return (query, variables) => internal.request(source, query, variables);
}

export function createOutboxRelay(call: OutboxCall, options: RelayOptions) {
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 12;
  const baseMs = options.backoffBaseMs ?? 1_000;
  const maxMs = options.backoffMaxMs ?? 3_600_000;
  const random = options.random ?? Math.random;

  /** Leases up to batchSize due events, each the oldest pending one of its subject; oldest first. */
  async function claim(): Promise<OutboxEvent[]> {
    const data = await call<{ _claimEvents: WireEvent[] }>(CLAIM, { limit: batchSize, leaseMs });
    return data._claimEvents.map((event) => ({
      id: event.id,
      type: event.type,
      subject: event.subject,
      payload: JSON.parse(event.payload) as Record<string, unknown>,
      occurredAt: new Date(event.occurredAt),
      attempts: event.attempts,
    }));
  }

  async function acknowledge(id: string): Promise<void> {
    await call(ACKNOWLEDGE, { ids: [id] });
  }

  /** Records a failed attempt: a later retry, or the dead-letter state after maxAttempts. */
  async function fail(event: OutboxEvent, reason: string): Promise<"retry" | "dead_lettered"> {
    const deadLetter = event.attempts >= maxAttempts;
    await call(FAIL, {
      id: event.id,
      error: reason.slice(0, 500),
      ...(deadLetter
        ? { deadLetter: true }
        : { retryInMs: backoffDelayMs(event.attempts, baseMs, maxMs, random) }),
    });
    return deadLetter ? "dead_lettered" : "retry";
  }

  /**
   * One pass: claim, deliver in order, record outcomes. Events of one subject are never in the same batch twice
   * (only a subject's head is claimable), so the batch can be delivered sequentially without reordering. A call
   * to the emitting subgraph that fails aborts the pass: the events still claimed come back when their lease ends.
   */
  async function runOnce(
    deliver: (event: OutboxEvent) => Promise<void>,
    hooks: { acknowledged?: (event: OutboxEvent) => Promise<void> } = {},
  ) {
    const events = await claim();
    const outcome = { claimed: events.length, delivered: 0, retried: 0, deadLettered: 0 };
    for (const event of events) {
      let failure: unknown = null;
      try {
        await deliver(event);
      } catch (error) {
        failure = error ?? new Error("delivery failed");
      }
      if (failure === null) {
        await acknowledge(event.id);
        outcome.delivered++;
        await hooks.acknowledged?.(event);
        continue;
      }
      const result = await fail(event, failure instanceof Error ? failure.message : String(failure));
      if (result === "retry") outcome.retried++;
      else outcome.deadLettered++;
    }
    return outcome;
  }

  /** Staff replay: dead-lettered events (all, or the given ids) become due again with a fresh attempt budget. */
  async function replayDeadLettered(ids?: readonly string[]): Promise<number> {
    const data = await call<{ _replayDeadLettered: number }>(REPLAY, { ids: ids ? [...ids] : null });
    return data._replayDeadLettered;
  }

  async function deadLettered(first = 1000): Promise<DeadLetter[]> {
    const data = await call<{ _deadLetteredEvents: DeadLetter[] }>(DEAD_LETTERS, { first });
    return data._deadLetteredEvents;
  }

  return { source: options.source, claim, acknowledge, fail, runOnce, replayDeadLettered, deadLettered };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;

/** Runs a relay every intervalMs until stopped; a failing pass is logged by the caller's onError and retried. */
export function startRelayLoop(
  pass: () => Promise<unknown>,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = pass().catch(onError);
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
