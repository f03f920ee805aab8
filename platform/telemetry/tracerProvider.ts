// The SDK side of tracing (tracing.ts has the helpers): a tracer provider exporting over OTLP/HTTP (JSON), with the
// configured sampler, registered as the process's global provider with an AsyncLocalStorage context manager and
// W3C trace-context propagation. Loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
import { context, ProxyTracerProvider, propagation, type TracerProvider, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  TracerProvider as SdkTracerProvider,
  type SpanExporter,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { setTracingEnabled, tracingEnabled } from "./tracing.ts";

export const TRACES_SAMPLERS = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
] as const;
export type TracesSampler = (typeof TRACES_SAMPLERS)[number];

export interface TracingOptions {
  /** OTLP/HTTP base URL (`/v1/traces` is appended), as OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  /** service.name of the process's spans: parvis-gateway, parvis-petitions… */
  serviceName: string;
  sampler?: TracesSampler;
  /** Ratio of the *_traceidratio samplers, 0 to 1. */
  samplerRatio?: number;
  /** Where spans go instead of OTLP (unit tests: an in-memory exporter). */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Sends the spans ended so far (tests; shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

function samplerFor(name: TracesSampler, ratio: number): Sampler {
  switch (name) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return new TraceIdRatioBasedSampler(ratio);
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * Libraries that trace on their own through the global API and whose spans Parvis does not export: @apollo/gateway
 * names its spans after any client's operation and records exception messages (which may quote a variable's
 * value), and another gateway engine would not have them. Their tracer is a no-op that keeps the active context,
 * so the spans Parvis makes inside (its fetch spans) still hang from the request's span.
 */
const SILENCED_LIBRARIES = new Set(["@apollo/gateway"]);

/** Starts exporting spans of this process (one provider per process; a second call is refused). */
export function startTracing(options: TracingOptions): Tracing {
  if (tracingEnabled()) throw new Error("tracing is already started in this process");
  const exporter =
    options.exporter ?? new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, "")}/v1/traces` });
  const processor = new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1_000 });
  const provider = new SdkTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    sampler: samplerFor(options.sampler ?? "parentbased_always_on", options.samplerRatio ?? 1),
    spanProcessors: [processor],
  });
  const silenced = new ProxyTracerProvider().getTracer("silenced");
  const filtered: TracerProvider = {
    getTracer: (name, version, tracerOptions) =>
      SILENCED_LIBRARIES.has(name) ? silenced : provider.getTracer(name, version, tracerOptions),
  };
  trace.setGlobalTracerProvider(filtered);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  // W3C trace context only: baggage could carry anything a client chose, and nothing here reads it.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  setTracingEnabled(true);
  return {
    flush: () => provider.forceFlush(),
    async shutdown() {
      setTracingEnabled(false);
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
