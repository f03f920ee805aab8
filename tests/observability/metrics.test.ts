// The metrics endpoint (platform/telemetry/, docs/observability.md) scraped as Prometheus would, before and after
// traffic through the gateway: the figures move with the requests, by registered operation name, caller kind and
// outcome, per subgraph fetch, per civic act; backlog gauges of the outboxes and Node's event-loop lag are there;
// and no label carries an id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APOLLO, type GatewayEngine } from "../../gateway/engine.ts";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { observeOutboxes } from "../../platform/telemetry/metrics.ts";
import { type MetricsServer, startMetricsServer } from "../../platform/telemetry/metricsServer.ts";
import { outboxBacklogReader } from "../../platform/telemetry/outboxMetrics.ts";
import { registeredOperations } from "../../schema/operations.ts";

/** The first file of a run builds the database templates: on a loaded machine that alone took minutes. */
const STARTUP_TIMEOUT_MS = 300_000;

/** The sum of the samples of `name` whose labels include every label given. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) sum += Number(match[3]);
  }
  return sum;
}

const ENGINES: [string, GatewayEngine][] = [
  ["Apollo", APOLLO],
  // The second engine records the same requests through its own plugin (gateway/hive/plugins.ts).
  ["Hive", { name: "hive", planner: "rust" }],
];

describe.each(ENGINES)("GET /metrics, %s gateway", (_name, engine) => {
  let platform: TestPlatform;
  let metrics: MetricsServer;
  let stopOutboxes: () => void;
  const scrape = async () => {
    const response = await fetch(metrics.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return response.text();
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ engine });
    metrics = await startMetricsServer({ host: "127.0.0.1", port: 0, log: platform.log });
    stopOutboxes = observeOutboxes(outboxBacklogReader(platform.db));
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    stopOutboxes?.();
    await metrics?.close();
    await platform?.close();
  });

  it("answers 404 elsewhere than /metrics", async () => {
    expect((await fetch(metrics.url.replace("/metrics", "/"))).status).toBe(404);
  });

  it("moves with the traffic, with bounded labels", async () => {
    const quartiers = registeredOperations().find((operation) => operation.name === "Quartiers");
    if (!quartiers) throw new Error("the registered operation Quartiers is missing");
    const before = await scrape();

    // A registered operation sent by its id (as the citizen app does), twice.
    for (let i = 0; i < 2; i++) {
      const response = await fetch(platform.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          variables: { first: 2 },
          extensions: { persistedQuery: { version: 1, sha256Hash: quartiers.id } },
        }),
      });
      expect(response.status).toBe(200);
    }
    // A document that is not registered: counted under "other", whatever name it gives itself.
    const adHoc = await platform.graphql("query WhoKnows_8c1f0e9a { __typename }");
    expect(adHoc.status).toBe(200);
    // A field that does not exist: its code is the outcome.
    const invalid = await platform.graphql("{ noSuchField }");
    expect(invalid.status).toBe(400);
    // A civic act: an anonymous report.
    const report = await platform.graphql<{ submitReport: { __typename: string } }>(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename } }`,
      {
        input: {
          categoryCode: "eclairage-public",
          location: { lat: 48.5839, lon: 7.7455 },
          description: "Lampadaire éteint",
          attributes: [{ code: "type_panne", values: ["eteint"] }],
        },
      },
    );
    expect(report.body.data?.submitReport.__typename).toBe("ReportSubmitted");

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(
      moved("parvis_graphql_requests_total", {
        operation: "Quartiers",
        caller_kind: "anonymous",
        outcome: "OK",
      }),
    ).toBe(2);
    expect(moved("parvis_graphql_requests_total", { operation: "other", outcome: "OK" })).toBe(2);
    expect(
      moved("parvis_graphql_requests_total", { operation: "other", outcome: "GRAPHQL_VALIDATION_FAILED" }),
    ).toBe(1);
    expect(moved("parvis_graphql_request_duration_seconds_count", { operation: "Quartiers" })).toBe(2);
    expect(
      moved("parvis_subgraph_fetch_duration_seconds_count", { subgraph: "directory", outcome: "ok" }),
    ).toBe(2);
    expect(
      moved("parvis_subgraph_fetch_duration_seconds_count", { subgraph: "reports" }),
    ).toBeGreaterThanOrEqual(1);
    expect(moved("parvis_participations_total", { kind: "report" })).toBe(1);

    // Gauges and process metrics are there at every scrape.
    expect(after).toMatch(/^parvis_outbox_lag_seconds\{outbox="\w+"\} /m);
    expect(after).toMatch(/^parvis_outbox_dead_letters\{outbox="\w+"\} 0$/m);
    expect(after).toMatch(/^parvis_db_pool_connections\{state="in_use"\} /m);
    expect(after).toMatch(/^parvis_nodejs_eventloop_lag_seconds /m);
    expect(after).toMatch(/^parvis_upstream_circuit_state\{upstream="[\w-]+",state="closed"\} 1$/m);

    // Bounded cardinality: no series is labelled with an id or with a name a client chose.
    expect(after).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(after).not.toContain("WhoKnows");
  });

  it("counts the requests refused before the engine runs them, with their code", async () => {
    const before = await scrape();
    // An unknown registered id, a token that does not verify, a body over the limit.
    const unknown = await fetch(platform.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
    });
    expect(unknown.status).toBe(404);
    const forged = await fetch(platform.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer not.a.token" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    const huge = await fetch(platform.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ __typename }${" ".repeat(platform.config.REQUEST_BODY_LIMIT_BYTES)}`,
      }),
    });
    expect(huge.status).toBe(413);
    const after = await scrape();
    const moved = (labels: Record<string, string>) =>
      sample(after, "parvis_graphql_requests_total", labels) -
      sample(before, "parvis_graphql_requests_total", labels);
    expect(moved({ operation: "other", outcome: "PERSISTED_QUERY_NOT_FOUND" })).toBe(1);
    expect(moved({ operation: "other" })).toBe(3);
    expect(moved({ operation: "other", outcome: "OK" })).toBe(0);
  });
});
