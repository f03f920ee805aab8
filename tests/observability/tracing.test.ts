// Traces across the federation (platform/telemetry/, docs/observability.md): the platform runs in both modes —
// subgraphs executed in-process (`npm start`) and subgraphs behind their own HTTP ports (distributed mode) — and
// exports over OTLP/HTTP (JSON) to a tiny in-memory receiver. Each request must give ONE connected trace — one
// root, every other span's parent in the same trace — spanning the gateway and the subgraphs down to SQL
// statements, with the same tree in both modes; attributes carry no personal data; log lines carry the trace id.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { startTracing, type Tracing } from "../../platform/telemetry/tracerProvider.ts";

/** The first file of a run builds the database templates: on a loaded machine that alone took minutes. */
const STARTUP_TIMEOUT_MS = 300_000;

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** OTLP/HTTP JSON (ExportTraceServiceRequest), as @opentelemetry/exporter-trace-otlp-http sends it. */
interface OtlpAnyValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpRequest {
  resourceSpans?: {
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: { key: string; value: OtlpAnyValue }[];
      }[];
    }[];
  }[];
}

const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;

function attributeValue(value: OtlpAnyValue): unknown {
  return value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue;
}

/** An in-memory OTLP/HTTP receiver: every span posted to /v1/traces, decoded. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.url !== "/v1/traces" || !request.headers["content-type"]?.includes("json")) {
        response.writeHead(415).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as OtlpRequest;
      for (const resource of body.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
              name: span.name,
              kind: span.kind,
              attributes: Object.fromEntries(
                (span.attributes ?? []).map((a) => [a.key, attributeValue(a.value)]),
              ),
            });
          }
        }
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The tree as "parent > child" edges of span names (the shape both modes must share). */
function edges(spans: ReceivedSpan[]): string[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  return [
    ...new Set(
      spans.map(
        (span) => `${(span.parentSpanId && byId.get(span.parentSpanId)?.name) || "(root)"} > ${span.name}`,
      ),
    ),
  ].sort();
}

const PETITIONS_WITH_QUARTIERS = `query PetitionsWithQuartiers {
  petitions(first: 3) { edges { node { id title quartier { id name } } } }
}`;

describe("one connected trace per request, in both run modes", () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let tracing: Tracing;
  const trees = new Map<string, string[]>();

  beforeAll(async () => {
    receiver = await startReceiver();
    tracing = startTracing({ endpoint: receiver.url, serviceName: "parvis-test" });
  });

  afterAll(async () => {
    await tracing?.shutdown();
    await receiver?.close();
  });

  /** Sends one request and returns the spans it produced (everything exported meanwhile). */
  async function traced(run: () => Promise<unknown>): Promise<ReceivedSpan[]> {
    await tracing.flush();
    receiver.spans.length = 0;
    await run();
    await tracing.flush();
    return [...receiver.spans];
  }

  for (const mode of ["in-process", "http"] as const) {
    describe(mode, () => {
      let platform: TestPlatform;
      const logLines: string[] = [];

      beforeAll(async () => {
        platform = await startTestPlatform({
          mode,
          seed: "demo",
          logDestination: { write: (line) => logLines.push(line) },
        });
      }, STARTUP_TIMEOUT_MS);

      afterAll(async () => {
        await platform?.close();
      });

      it("links the gateway, its query-plan fetches, the subgraphs and their SQL in one trace", async () => {
        let requestId = "";
        const spans = await traced(async () => {
          const answer = await platform.graphql<{ petitions: { edges: unknown[] } }>(
            PETITIONS_WITH_QUARTIERS,
          );
          expect(answer.body.errors).toBeUndefined();
          expect(answer.body.data?.petitions.edges.length).toBeGreaterThan(0);
          requestId = answer.headers.get("x-request-id") ?? "";
        });

        // One trace, one root, and every parent inside the trace: connected.
        const traceIds = new Set(spans.map((span) => span.traceId));
        expect(traceIds.size).toBe(1);
        const ids = new Set(spans.map((span) => span.spanId));
        const roots = spans.filter((span) => !span.parentSpanId);
        expect(roots).toHaveLength(1);
        for (const span of spans) if (span.parentSpanId) expect(ids).toContain(span.parentSpanId);

        // The gateway's operation (not a registered one: no name), its fetches, the subgraphs' operations.
        const [root] = roots;
        expect(root).toMatchObject({ name: "query", kind: SPAN_KIND.SERVER });
        expect(root?.attributes).toMatchObject({
          "graphql.operation.type": "query",
          "http.route": "/graphql",
        });
        const byId = new Map(spans.map((span) => [span.spanId, span]));
        const parentOf = (span: ReceivedSpan) =>
          span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
        for (const subgraph of ["petitions", "directory"]) {
          const fetch = spans.find((span) => span.name === `fetch ${subgraph}`);
          expect(fetch, `fetch ${subgraph}`).toMatchObject({ kind: SPAN_KIND.CLIENT });
          expect(parentOf(fetch as ReceivedSpan)).toBe(root);
          const operation = spans.find((span) => span.name === `query ${subgraph}`);
          expect(operation, `query ${subgraph}`).toMatchObject({
            kind: SPAN_KIND.SERVER,
            attributes: expect.objectContaining({ "parvis.subgraph": subgraph }),
          });
          expect(parentOf(operation as ReceivedSpan)).toBe(fetch);
        }
        const resolver = spans.find((span) => span.name === "resolve Query.petitions");
        expect(parentOf(resolver as ReceivedSpan)?.name).toBe("query petitions");
        const sql = spans.filter((span) => span.attributes["db.system.name"] === "postgresql");
        expect(sql.length).toBeGreaterThan(0);
        for (const statement of sql) {
          expect(statement.kind).toBe(SPAN_KIND.CLIENT);
          expect(statement.attributes["db.query.text"]).toEqual(expect.any(String));
          expect(statement.attributes).not.toHaveProperty("db.query.parameter");
        }
        expect(sql.some((statement) => parentOf(statement)?.name.startsWith("resolve Query."))).toBe(true);

        trees.set(mode, edges(spans));

        // The request's log lines carry the trace id: the gateway's (with its span's id) and, in distributed
        // mode, each subgraph's, which share the request id.
        const lines = logLines
          .map((text) => JSON.parse(text) as Record<string, unknown>)
          .filter((entry) => entry.requestId === requestId && entry.msg === "request completed");
        expect(lines.length).toBe(mode === "http" ? 3 : 1);
        for (const line of lines) expect(line.trace_id).toBe(root?.traceId);
        expect(lines.map((line) => line.span_id)).toContain(root?.spanId);
      });

      it("puts no personal data in any attribute", async () => {
        const secretWords = "Camille Zoubiri";
        const email = "camille.zoubiri@example.org";
        const spans = await traced(async () => {
          const answer = await platform.graphql<{ submitReport: { __typename: string } }>(
            `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename } }`,
            {
              input: {
                categoryCode: "eclairage-public",
                location: { lat: 48.5839, lon: 7.7455 },
                description: `Lampadaire éteint devant chez ${secretWords}, écrire à ${email}`,
                attributes: [{ code: "type_panne", values: ["eteint"] }],
              },
            },
          );
          expect(answer.body.data?.submitReport.__typename).toBe("ReportSubmitted");
        });
        expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
        expect(spans.some((span) => span.name === "resolve Mutation.submitReport")).toBe(true);
        expect(spans.some((span) => span.attributes["db.operation.name"] === "INSERT")).toBe(true);
        const attributes = JSON.stringify(spans.map((span) => [span.name, span.attributes]));
        expect(attributes).not.toContain("Zoubiri");
        expect(attributes).not.toContain("example.org");
        expect(attributes).not.toContain("Lampadaire");
        expect(attributes).not.toContain("48.5839");
      });
    });
  }

  // Hive Gateway over HTTP (gateway/hive/): its fetches carry the traceparent too (an outside probe found each
  // subgraph's spans in a trace of their own before the transport injected it).
  describe("http, Hive Gateway", () => {
    let platform: TestPlatform;
    beforeAll(async () => {
      platform = await startTestPlatform({
        mode: "http",
        seed: "demo",
        engine: { name: "hive", planner: "rust" },
      });
    }, STARTUP_TIMEOUT_MS);
    afterAll(async () => {
      await platform?.close();
    });

    it("links the gateway, its fetches and the subgraphs in one trace", async () => {
      const spans = await traced(async () => {
        const answer = await platform.graphql<{ petitions: { edges: unknown[] } }>(PETITIONS_WITH_QUARTIERS);
        expect(answer.body.errors).toBeUndefined();
      });
      expect(new Set(spans.map((span) => span.traceId)).size).toBe(1);
      const ids = new Set(spans.map((span) => span.spanId));
      expect(spans.filter((span) => !span.parentSpanId)).toHaveLength(1);
      for (const span of spans) if (span.parentSpanId) expect(ids).toContain(span.parentSpanId);
      const byId = new Map(spans.map((span) => [span.spanId, span]));
      for (const subgraph of ["petitions", "directory"]) {
        const operation = spans.find((span) => span.name === `query ${subgraph}`);
        expect(operation, `query ${subgraph}`).toBeDefined();
        expect(byId.get(operation?.parentSpanId ?? "")?.name).toBe(`fetch ${subgraph}`);
      }
    });
  });

  it("gives the same tree in both modes", () => {
    expect(trees.get("in-process")).toBeDefined();
    expect(trees.get("http")).toEqual(trees.get("in-process"));
  });
});
