// Prometheus metrics of a Parvis process (prom-client), defined once here and engine-neutral: the Apollo gateway's
// plugin (gateway/telemetryPlugin.ts) and any other engine's plugin record through the same functions, so a
// dashboard does not depend on the engine. Exposed on a port of their own (metricsServer.ts, METRICS_PORT).
//
// Label values come from bounded sets only — registered operation names (others are "other"), caller kinds, error
// codes of the platform, subgraph and upstream names, event types of the code — never an id, a path or a value a
// client chose freely: a label per id would grow the series without bound and could carry personal data.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { allUpstreamMetrics } from "../resilience/upstream.ts";

export const registry = new Registry();

/** Seconds; from a cached answer (~1 ms) to the gateway's request timeout. */
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What an operation that was not a registered trusted document is counted as (names are free text there). */
export const OTHER_OPERATION = "other";

const requests = new Counter({
  name: "parvis_graphql_requests_total",
  help: "GraphQL operations answered by the gateway, by registered operation name, caller kind and outcome code (OK or the first error's code).",
  labelNames: ["operation", "caller_kind", "outcome"] as const,
  registers: [registry],
});

const requestDuration = new Histogram({
  name: "parvis_graphql_request_duration_seconds",
  help: "Time from the start of a GraphQL operation at the gateway to its answer.",
  labelNames: ["operation", "outcome"] as const,
  buckets: LATENCY_BUCKETS_SECONDS,
  registers: [registry],
});

const subgraphFetchDuration = new Histogram({
  name: "parvis_subgraph_fetch_duration_seconds",
  help: "Time of one query-plan fetch from the gateway to a subgraph, by subgraph and outcome (ok, error, unavailable).",
  labelNames: ["subgraph", "outcome"] as const,
  buckets: LATENCY_BUCKETS_SECONDS,
  registers: [registry],
});

const responseCacheLookups = new Counter({
  name: "parvis_response_cache_lookups_total",
  help: "Lookups of the gateway's public response cache, by result (hit or miss).",
  labelNames: ["result"] as const,
  registers: [registry],
});

const domainEvents = new Counter({
  name: "parvis_domain_events_total",
  help: "Domain events recorded in an outbox, by event type.",
  labelNames: ["type"] as const,
  registers: [registry],
});

/** Civic acts counted per minute on the dashboard. */
export type ParticipationKind = "signature" | "ballot" | "report";

const participations = new Counter({
  name: "parvis_participations_total",
  help: "Petition signatures, budget ballots and reports accepted, by kind.",
  labelNames: ["kind"] as const,
  registers: [registry],
});

// Upstreams (platform/resilience/upstream.ts) keep their own counters; they are read at scrape time.
new Counter({
  name: "parvis_upstream_calls_total",
  help: "Calls to an external system through the resilience wrapper, by upstream and result (success, failure, unavailable, fresh_hit, stale_hit).",
  labelNames: ["upstream", "result"] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [name, metrics] of Object.entries(allUpstreamMetrics())) {
      this.inc({ upstream: name, result: "success" }, metrics.successes);
      this.inc({ upstream: name, result: "failure" }, metrics.failures);
      this.inc({ upstream: name, result: "unavailable" }, metrics.unavailable);
      this.inc({ upstream: name, result: "fresh_hit" }, metrics.cacheHits.fresh);
      this.inc({ upstream: name, result: "stale_hit" }, metrics.cacheHits.stale);
    }
  },
});

new Counter({
  name: "parvis_upstream_attempts_total",
  help: "Attempts against an external system, by upstream and kind (attempt, retry, timeout, short_circuited).",
  labelNames: ["upstream", "kind"] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [name, metrics] of Object.entries(allUpstreamMetrics())) {
      this.inc({ upstream: name, kind: "attempt" }, metrics.attempts);
      this.inc({ upstream: name, kind: "retry" }, metrics.retries);
      this.inc({ upstream: name, kind: "timeout" }, metrics.timeouts);
      this.inc({ upstream: name, kind: "short_circuited" }, metrics.shortCircuited);
    }
  },
});

const BREAKER_STATES = ["closed", "open", "half_open", "isolated"] as const;

new Gauge({
  name: "parvis_upstream_circuit_state",
  help: "Circuit breaker of each upstream: 1 for its current state, 0 for the others.",
  labelNames: ["upstream", "state"] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [name, metrics] of Object.entries(allUpstreamMetrics())) {
      for (const state of BREAKER_STATES)
        this.set({ upstream: name, state }, metrics.breaker === state ? 1 : 0);
    }
  },
});

/** A connection pool as its gauges see it (pg.Pool's counts). */
export interface PoolUsage {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

const pools = new Set<() => PoolUsage>();

new Gauge({
  name: "parvis_db_pool_connections",
  help: "PostgreSQL connections of this process's pool, by state (in_use, idle, waiting requests, max).",
  labelNames: ["state"] as const,
  registers: [registry],
  collect() {
    this.reset();
    const sum = { in_use: 0, idle: 0, waiting: 0, max: 0 };
    for (const usage of pools) {
      const { total, idle, waiting, max } = usage();
      sum.in_use += total - idle;
      sum.idle += idle;
      sum.waiting += waiting;
      sum.max += max;
    }
    for (const [state, value] of Object.entries(sum)) this.set({ state }, value);
  },
});

/** Registers a pool to report; returns the function that stops reporting it (when the pool is closed). */
export function observeDatabasePool(usage: () => PoolUsage): () => void {
  pools.add(usage);
  return () => pools.delete(usage);
}

/** Outbox backlogs, read at scrape time (see outboxMetrics.ts). */
export interface OutboxBacklog {
  schema: string;
  pending: number;
  oldestPendingSeconds: number;
  deadLettered: number;
}

const outboxSources = new Set<() => Promise<OutboxBacklog[]>>();

async function readOutboxes(): Promise<OutboxBacklog[]> {
  const lists = await Promise.all([...outboxSources].map((read) => read().catch((): OutboxBacklog[] => [])));
  return lists.flat();
}

new Gauge({
  name: "parvis_outbox_lag_seconds",
  help: "Age of the oldest event of each outbox still waiting for delivery (0 when none waits).",
  labelNames: ["outbox"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const backlog of await readOutboxes())
      this.set({ outbox: backlog.schema }, backlog.oldestPendingSeconds);
  },
});

new Gauge({
  name: "parvis_outbox_pending_events",
  help: "Events of each outbox waiting for delivery (dead letters excluded).",
  labelNames: ["outbox"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const backlog of await readOutboxes()) this.set({ outbox: backlog.schema }, backlog.pending);
  },
});

new Gauge({
  name: "parvis_outbox_dead_letters",
  help: "Dead-lettered events of each outbox, waiting for staff to replay them.",
  labelNames: ["outbox"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const backlog of await readOutboxes()) this.set({ outbox: backlog.schema }, backlog.deadLettered);
  },
});

/** Registers outboxes to read at each scrape; returns the function that stops reading them. */
export function observeOutboxes(read: () => Promise<OutboxBacklog[]>): () => void {
  outboxSources.add(read);
  return () => outboxSources.delete(read);
}

let defaultsCollected = false;

/** Node's own metrics (event-loop lag, heap, GC, handles), started with the metrics endpoint only. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: registry, prefix: "parvis_", eventLoopMonitoringPrecision: 20 });
}

/** Error codes are the platform's own (UPPER_SNAKE); anything else is counted as OTHER. */
export function outcomeCode(code: unknown): string {
  return typeof code === "string" && /^[A-Z][A-Z0-9_]{0,47}$/.test(code) ? code : "OTHER";
}

const CALLER_KINDS = new Set(["anonymous", "citizen", "staff", "partner", "system"]);

/** One GraphQL operation answered at the gateway, whatever the engine. */
export function recordOperation(operation: {
  /** The registered operation's name, or undefined for any other document. */
  registeredName: string | undefined;
  callerKind: string | undefined;
  /** "OK", or the first error's code. */
  outcome: string;
  seconds: number;
}): void {
  const name = operation.registeredName ?? OTHER_OPERATION;
  const callerKind =
    operation.callerKind && CALLER_KINDS.has(operation.callerKind) ? operation.callerKind : "unknown";
  const outcome = outcomeCode(operation.outcome);
  requests.inc({ operation: name, caller_kind: callerKind, outcome });
  requestDuration.observe({ operation: name, outcome }, operation.seconds);
}

export type FetchOutcome = "ok" | "error" | "unavailable";

export function recordSubgraphFetch(subgraph: string, outcome: FetchOutcome, seconds: number): void {
  subgraphFetchDuration.observe({ subgraph, outcome }, seconds);
}

export function recordResponseCacheLookup(result: "hit" | "miss"): void {
  responseCacheLookups.inc({ result });
}

export function recordDomainEvents(types: readonly string[]): void {
  for (const type of types) domainEvents.inc({ type });
}

export function recordParticipation(kind: ParticipationKind): void {
  participations.inc({ kind });
}
