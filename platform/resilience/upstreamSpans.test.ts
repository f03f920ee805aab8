// Each call to an external system is a span (platform/telemetry/tracing.ts) with the circuit's state before and
// after the call and how it was served — and nothing of what was asked or answered.
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import { startTracing, type Tracing } from "../telemetry/tracerProvider.ts";
import { createUpstream } from "./upstream.ts";

describe("upstream spans", () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  beforeAll(() => {
    tracing = startTracing({ endpoint: "http://127.0.0.1:9", serviceName: "parvis-test", exporter });
  });
  afterAll(async () => {
    await tracing?.shutdown();
  });

  it("records the circuit state and the result of every call", async () => {
    const upstream = createUpstream({
      name: "strasbourg-test",
      timeoutMs: 200,
      retries: 0,
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 },
      log: createLogger({ level: "silent" }),
    });
    await upstream.call("profile.get", async () => ({ email: "camille@example.org" }), { idempotent: true });
    await expect(
      upstream.call("profile.get", async () => Promise.reject(new Error("refused camille@example.org")), {
        idempotent: true,
      }),
    ).rejects.toThrow();
    await expect(upstream.call("profile.get", async () => ({}), { idempotent: true })).rejects.toThrow();
    await tracing.flush();

    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual([
      "upstream strasbourg-test profile.get",
      "upstream strasbourg-test profile.get",
      "upstream strasbourg-test profile.get",
    ]);
    expect(spans.map((span) => span.attributes)).toEqual([
      expect.objectContaining({
        "peer.service": "strasbourg-test",
        "parvis.circuit.state": "closed",
        "parvis.circuit.state_after": "closed",
        "parvis.upstream.result": "success",
      }),
      expect.objectContaining({
        "parvis.circuit.state": "closed",
        "parvis.circuit.state_after": "open",
        "parvis.upstream.result": "failure",
        "error.type": "UpstreamUnavailableError",
      }),
      expect.objectContaining({
        "parvis.circuit.state": "open",
        "parvis.upstream.result": "circuit_open",
      }),
    ]);
    expect(JSON.stringify(spans.map((span) => [span.attributes, span.events]))).not.toContain("camille");
  });
});
