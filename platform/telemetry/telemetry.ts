// The one call an entry point makes for observability: traces when OTEL_EXPORTER_OTLP_ENDPOINT is set, the metrics
// endpoint when METRICS_PORT is set, outbox and pool figures of the database this process owns. Call it first
// thing after the configuration is loaded, so that everything created afterwards is traced.
import type { Config } from "../config.ts";
import type { SqlRunner } from "../db/database.ts";
import type { Logger } from "../logger.ts";
import { observeOutboxes } from "./metrics.ts";
import { type MetricsServer, startMetricsServer } from "./metricsServer.ts";
import { outboxBacklogReader } from "./outboxMetrics.ts";
import type { Tracing } from "./tracerProvider.ts";

export interface Telemetry {
  /** The metrics endpoint's URL, when it listens. */
  metricsUrl?: string;
  /** Reports the outboxes of this database (all of them, or the schemas named) at each scrape. */
  observeOutboxes(db: SqlRunner, ownedSchemas?: readonly string[]): void;
  /** Sends the spans not yet exported and stops the endpoint. */
  close(): Promise<void>;
}

export async function startTelemetry(options: {
  config: Config;
  log: Logger;
  /** The process's role: gateway, a subgraph's name, worker. Becomes service.name `parvis-<service>`. */
  service: string;
}): Promise<Telemetry> {
  const { config, log } = options;
  let tracing: Tracing | undefined;
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
    // The SDK is loaded only when used: a process without tracing does not even import it.
    const { startTracing } = await import("./tracerProvider.ts");
    tracing = startTracing({
      endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: `parvis-${options.service}`,
      sampler: config.OTEL_TRACES_SAMPLER,
      samplerRatio: config.OTEL_TRACES_SAMPLER_ARG,
    });
    log.info({ sampler: config.OTEL_TRACES_SAMPLER }, "tracing: spans exported over OTLP");
  }
  let metrics: MetricsServer | undefined;
  if (config.METRICS_PORT !== undefined) {
    metrics = await startMetricsServer({ host: config.HOST, port: config.METRICS_PORT, log });
  }
  const stops: (() => void)[] = [];
  return {
    ...(metrics ? { metricsUrl: metrics.url } : {}),
    observeOutboxes(db, ownedSchemas) {
      if (metrics) stops.push(observeOutboxes(outboxBacklogReader(db, ownedSchemas)));
    },
    async close() {
      for (const stop of stops) stop();
      await metrics?.close();
      await tracing?.shutdown();
    },
  };
}
