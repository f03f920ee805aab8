// The one resilience wrapper for every call to an external system (project decision): timeout, retries with
// jittered backoff for idempotent calls only, circuit breaker, cache with stale-if-error, and metrics per upstream.
// A failure becomes UPSTREAM_UNAVAILABLE on the fields that needed it, never a failed request: resolvers catch
// UpstreamUnavailableError and throw toGraphQLError(error).
//
// Policies come from cockatiel. Order, from the outside in: retry → circuit breaker → timeout. The breaker sees every
// attempt, so a run of timeouts opens it even inside one call's retries, and retrying stops as soon as it is open.
import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleAll,
  handleWhen,
  isBrokenCircuitError,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
} from "cockatiel";
import type { GraphQLError } from "graphql";
import type { Cache } from "../cache/cache.ts";
import { upstreamUnavailable } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { type Span, SpanKind, tracingEnabled, withSpan } from "../telemetry/tracing.ts";
import { type BreakerState, createMetricsRecorder, type UpstreamMetrics } from "./metrics.ts";

export type { BreakerState, UpstreamMetrics } from "./metrics.ts";
export { LATENCY_BUCKETS_MS } from "./metrics.ts";

export interface UpstreamOptions {
  name: string;
  /** Per attempt: an idempotent call may take up to (retries + 1) × timeoutMs plus backoff. */
  timeoutMs: number;
  /** Extra attempts for idempotent calls; non-idempotent calls are attempted exactly once. */
  retries: number;
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
  /** Exponential backoff with decorrelated jitter between retries. Defaults: 100 ms initial, 2 s max. */
  backoff?: { initialDelayMs: number; maxDelayMs: number };
  cache?: Cache;
  log: Logger;
}

export interface CallOptions<T> {
  /** Only idempotent calls are retried: retrying a non-idempotent one could apply it twice. */
  idempotent: boolean;
  /** With `cache`, enables fresh hits and stale-if-error. Scoped per upstream; must not contain personal data. */
  cacheKey?: string;
  /** Age under which a cached value is returned without calling the upstream. */
  freshSeconds?: number;
  /** How long past freshness a cached value may still be served when the upstream fails. */
  staleSeconds?: number;
  /** Turns the stored JSON text of a value back into T (validate here); defaults to JSON.parse. */
  parse?: (raw: string) => T;
}

export interface Upstream {
  readonly name: string;
  /** Throws UpstreamUnavailableError when the upstream fails and no usable cached value exists. */
  call<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>, options: CallOptions<T>): Promise<T>;
  metrics(): UpstreamMetrics;
  /** Drops a cached value (for example a profile whose person asked to be forgotten). */
  forget(cacheKey: string): Promise<void>;
}

export type UpstreamFailureKind = "timeout" | "circuit_open" | "failure";

export class UpstreamUnavailableError extends Error {
  override name = "UpstreamUnavailableError";
  readonly upstream: string;
  readonly operation: string;
  readonly kind: UpstreamFailureKind;

  constructor(upstream: string, operation: string, kind: UpstreamFailureKind, options?: { cause?: unknown }) {
    super(`upstream ${upstream} unavailable for ${operation} (${kind})`, options);
    this.upstream = upstream;
    this.operation = operation;
    this.kind = kind;
  }
}

export function isUpstreamUnavailable(error: unknown): error is UpstreamUnavailableError {
  return error instanceof UpstreamUnavailableError;
}

/** UpstreamUnavailableError → the UPSTREAM_UNAVAILABLE GraphQL error; anything else is returned unchanged. */
export function toGraphQLError(error: UpstreamUnavailableError): GraphQLError;
export function toGraphQLError(error: unknown): unknown;
export function toGraphQLError(error: unknown): unknown {
  return isUpstreamUnavailable(error) ? upstreamUnavailable(error.upstream) : error;
}

// Last registration of a name wins (tests and hot reloads create the same upstream again).
const registry = new Map<string, Upstream>();

/** Metrics of every upstream created in this process, by name (for /ready or a metrics endpoint). */
export function allUpstreamMetrics(): Record<string, UpstreamMetrics> {
  return Object.fromEntries([...registry].map(([name, upstream]) => [name, upstream.metrics()]));
}

const BREAKER_STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half_open",
  [CircuitState.Isolated]: "isolated",
};

interface CacheEntry {
  /** JSON text of the value; kept as text so that `parse` can validate it. */
  value: string;
  storedAt: number;
}

export function createUpstream(options: UpstreamOptions): Upstream {
  const { name, cache } = options;
  const log = options.log.child({ upstream: name });
  const metrics = createMetricsRecorder(name);

  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: options.breaker.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breaker.consecutiveFailures),
  });
  breaker.onBreak(() => log.warn("circuit opened: calls are refused until the half-open probe"));
  breaker.onHalfOpen(() => log.info("circuit half-open: probing"));
  breaker.onReset(() => log.info("circuit closed"));

  // abortOnReturn off: the signal is then aborted only by the timeout, which tells timeouts from other errors even
  // when fn rejects with its own AbortError before cockatiel's TaskCancelledError wins the race.
  const perAttemptTimeout = timeout(options.timeoutMs, {
    strategy: TimeoutStrategy.Aggressive,
    abortOnReturn: false,
  });

  const retries = retry(
    handleWhen((error) => !isBrokenCircuitError(error)),
    {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({
        initialDelay: options.backoff?.initialDelayMs ?? 100,
        maxDelay: options.backoff?.maxDelayMs ?? 2_000,
      }),
    },
  );
  retries.onRetry(() => metrics.count("retries"));

  async function attempt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await breaker.execute(() => timedAttempt(fn));
    } catch (error) {
      if (isBrokenCircuitError(error)) metrics.count("shortCircuited");
      throw error;
    }
  }

  async function timedAttempt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    metrics.count("attempts");
    const started = performance.now();
    let attemptSignal: AbortSignal | undefined;
    try {
      return await perAttemptTimeout.execute(({ signal }) => {
        attemptSignal = signal;
        return fn(signal);
      });
    } catch (error) {
      if (isTimeout(error) || attemptSignal?.aborted) {
        metrics.count("timeouts");
        throw isTimeout(error) ? error : new TaskCancelledError(`timed out after ${options.timeoutMs}ms`);
      }
      throw error;
    } finally {
      metrics.observeLatency(performance.now() - started);
    }
  }

  function execute<T>(fn: (signal: AbortSignal) => Promise<T>, idempotent: boolean): Promise<T> {
    return idempotent && options.retries > 0 ? retries.execute(() => attempt(fn)) : attempt(fn);
  }

  const storageKey = (cacheKey: string) => `upstream:${name}:${cacheKey}`;

  /** A cache that fails or holds garbage is a miss: caching must never make a call fail. */
  async function readCache<T>(callOptions: CallOptions<T>): Promise<{ value: T; ageMs: number } | undefined> {
    if (!cache || callOptions.cacheKey === undefined) return undefined;
    try {
      const raw = await cache.get(storageKey(callOptions.cacheKey));
      if (raw === undefined) return undefined;
      const entry = JSON.parse(raw) as Partial<CacheEntry>;
      if (typeof entry.value !== "string" || typeof entry.storedAt !== "number") return undefined;
      const parse = callOptions.parse ?? ((text: string) => JSON.parse(text) as T);
      return { value: parse(entry.value), ageMs: Date.now() - entry.storedAt };
    } catch (error) {
      log.debug({ error: errorName(error) }, "upstream cache read ignored");
      return undefined;
    }
  }

  async function writeCache<T>(callOptions: CallOptions<T>, value: T): Promise<void> {
    const ttlSeconds = (callOptions.freshSeconds ?? 0) + (callOptions.staleSeconds ?? 0);
    if (!cache || callOptions.cacheKey === undefined || ttlSeconds <= 0) return;
    const text = JSON.stringify(value);
    if (text === undefined) return;
    const entry: CacheEntry = { value: text, storedAt: Date.now() };
    await cache
      .set(storageKey(callOptions.cacheKey), JSON.stringify(entry), { ttlSeconds })
      .catch((error: unknown) => log.debug({ error: errorName(error) }, "upstream cache write ignored"));
  }

  const upstream: Upstream = {
    name,

    call<T>(operation: string, fn: (signal: AbortSignal) => Promise<T>, callOptions: CallOptions<T>) {
      if (!tracingEnabled()) return callUpstream(operation, fn, callOptions);
      // One span per call (semantic conventions' peer.service for the system), with the circuit's state before
      // and after, and how the call was served (parvis.upstream.result).
      return withSpan(
        `upstream ${name} ${operation}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            "peer.service": name,
            "parvis.upstream.operation": operation,
            "parvis.circuit.state": BREAKER_STATES[breaker.state],
          },
        },
        async (span) => {
          try {
            return await callUpstream(operation, fn, callOptions, span);
          } finally {
            span?.setAttribute("parvis.circuit.state_after", BREAKER_STATES[breaker.state]);
          }
        },
      );
    },

    metrics() {
      return metrics.snapshot(BREAKER_STATES[breaker.state]);
    },

    async forget(cacheKey) {
      await cache?.delete(storageKey(cacheKey));
    },
  };

  async function callUpstream<T>(
    operation: string,
    fn: (signal: AbortSignal) => Promise<T>,
    callOptions: CallOptions<T>,
    span?: Span,
  ): Promise<T> {
    metrics.count("calls");
    const freshMs = (callOptions.freshSeconds ?? 0) * 1000;
    const usableMs = freshMs + (callOptions.staleSeconds ?? 0) * 1000;
    const cached = await readCache(callOptions);
    if (cached && cached.ageMs < freshMs) {
      metrics.count("freshHits");
      span?.setAttribute("parvis.upstream.result", "fresh_hit");
      return cached.value;
    }
    try {
      const value = await execute(fn, callOptions.idempotent);
      metrics.count("successes");
      span?.setAttribute("parvis.upstream.result", "success");
      await writeCache(callOptions, value);
      return value;
    } catch (error) {
      metrics.count("failures");
      const kind = failureKind(error);
      // Only the error's name: messages from HTTP clients may echo URLs or payloads with personal data.
      const fields = { operation, kind, error: errorName(error) };
      if (cached && cached.ageMs < usableMs) {
        metrics.count("staleHits");
        span?.setAttribute("parvis.upstream.result", "stale_hit");
        log.debug(fields, "upstream failed; served a stale cached value");
        return cached.value;
      }
      metrics.count("unavailable");
      span?.setAttribute("parvis.upstream.result", kind);
      // While the breaker is open every call lands here; its opening was already logged as a warning.
      if (kind === "circuit_open") log.debug(fields, "upstream unavailable");
      else log.warn(fields, "upstream unavailable");
      throw new UpstreamUnavailableError(name, operation, kind, { cause: error });
    }
  }

  registry.set(name, upstream);
  return upstream;
}

// Not cockatiel's isTaskCancelledError: in 3.2.1 it tests for `isBulkheadRejectedError` and never matches.
function isTimeout(error: unknown): error is TaskCancelledError {
  return error instanceof TaskCancelledError;
}

function failureKind(error: unknown): UpstreamFailureKind {
  if (isBrokenCircuitError(error)) return "circuit_open";
  if (isTimeout(error)) return "timeout";
  return "failure";
}

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name} (${code})` : error.name;
}
