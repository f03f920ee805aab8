// Distributed tracing with OpenTelemetry: the helpers instrumentation calls (the API only; the SDK that exports is
// tracerProvider.ts, loaded only when tracing is on). Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then a tracer
// provider exports spans over OTLP/HTTP, W3C `traceparent` travels on every hop (HTTP headers between processes,
// the active context through direct execution in one process), and both run modes give the same tree:
//
//   <gateway>   query PetitionPage            SERVER  (HTTP request, named by its operation)
//                 fetch petitions             CLIENT  (one per query-plan fetch)
//   <subgraph>      query petitions           SERVER  (the subgraph operation, over HTTP or direct execution)
//                     resolve Query.petitions INTERNAL (root fields and entity references: where the I/O is)
//                       SELECT petitions.petition   CLIENT (one per SQL statement, values elided)
//                       upstream monstrasbourg users.get CLIENT (with the circuit state)
//
// Off, every helper here is a plain call: no provider, no context manager, no span object, no header.
// Attributes carry names of code (operations, fields, tables, upstreams) and never a value a person typed or an id:
// the operation name at the gateway only for registered operations, SQL text with every literal elided.
import {
  type Attributes,
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

export type { Span };
export { SpanKind };

let enabled = false;

/** True while a tracer provider exports spans: instrumentation skips all work otherwise. */
export function tracingEnabled(): boolean {
  return enabled;
}

/** Set by tracerProvider.ts when it registers (and unregisters) the process's provider. */
export function setTracingEnabled(on: boolean): void {
  enabled = on;
}

const tracer = () => trace.getTracer("parvis");

/**
 * Runs fn inside a new span, child of the active one; the span ends when fn settles, with an error status and the
 * error's type (never its message, which may quote a value) when it throws. Off: just fn().
 */
export function withSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!enabled) return fn(undefined);
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {} },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Error status with the error's type only (`error.type`, semantic conventions). */
export function markFailed(span: Span, error: unknown): void {
  const type = error instanceof Error ? error.name : typeof error;
  span.setAttribute("error.type", type);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** The active span's ids, for log lines (pino's mixin); empty when no span is recording. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  if (!enabled) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Adds `traceparent` (W3C) for the active span to outgoing headers. */
export function injectTraceContext(setHeader: (name: string, value: string) => void): void {
  if (!enabled) return;
  propagation.inject(context.active(), undefined, {
    set: (_carrier: unknown, key: string, value: string) => setHeader(key, value),
  });
}

/** The context a request's `traceparent` header continues (the active context when it has none). */
export function extractTraceContext(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(context.active(), headers);
}

/**
 * Names the active server span after the GraphQL operation it runs (semantic conventions: `{type} {name}`):
 * the name only when known to be code's (a registered operation at the gateway, the subgraph's own name).
 */
export function nameOperationSpan(operation: { type: string; name?: string; subgraph?: string }): void {
  if (!enabled) return;
  const span = trace.getActiveSpan();
  if (!span) return;
  span.updateName(operationSpanName(operation));
  span.setAttributes(operationAttributes(operation));
}

export function operationSpanName(operation: { type: string; name?: string; subgraph?: string }): string {
  const name = operation.subgraph ?? operation.name;
  return name ? `${operation.type} ${name}` : operation.type;
}

export function operationAttributes(operation: {
  type: string;
  name?: string;
  subgraph?: string;
}): Attributes {
  return {
    "graphql.operation.type": operation.type,
    ...(operation.name ? { "graphql.operation.name": operation.name } : {}),
    ...(operation.subgraph ? { "parvis.subgraph": operation.subgraph } : {}),
  };
}
