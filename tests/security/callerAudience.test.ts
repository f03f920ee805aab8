// Issue #15 item 1 and #16 item 1: the signed caller header is bound to one subgraph (its audience) and one request
// (method, path, body), nonces live in one namespace, and replay protection survives a cache outage.
// Attacked as the review did: a logging proxy between the gateway and the subgraphs, and between subgraphs, in
// distributed mode; every captured header is replayed to every subgraph, with its own body and with the bodies
// that did the damage (another person's data export through _entities, _eraseAccountData as the system caller).
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import type { Cache } from "../../platform/cache/cache.ts";
import { CacheError } from "../../platform/cache/cacheError.ts";
import { ANONYMOUS, CALLER_HEADER, type SignedRequest, signCaller } from "../../platform/caller.ts";
import { inProcessClient } from "../../platform/internalClient.ts";
import { createSubgraphApp } from "../../platform/subgraphApp.ts";
import { createSubgraphServer, type SubgraphServer } from "../../platform/subgraphServer.ts";
import { loadSubgraphModules } from "../../subgraphs/registry.ts";

const SUBGRAPHS = await loadSubgraphModules();
const subgraphByName = (name: string) => SUBGRAPHS.find((module) => module.name === name);

import { type CapturedRequest, createLoggingProxy, type LoggingProxy } from "../support/loggingProxy.ts";

const NAMES = SUBGRAPHS.map((module) => module.name as string);

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
}

async function post(url: string, header: string, body: string): Promise<{ status: number; answer: Answer }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [CALLER_HEADER]: header },
    body,
  });
  return { status: response.status, answer: (await response.json()) as Answer };
}

function callerKindOf(header: string): string {
  const encoded = /caller=([^;]+)/.exec(header)?.[1] ?? "";
  return (JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as { kind: string }).kind;
}

describe("caller headers are bound to one subgraph and one request (distributed mode, logging proxy)", () => {
  let platform: SignedInPlatform;
  let proxy: LoggingProxy;
  /** Each subgraph's own URL, behind the proxy. */
  const direct = new Map<string, string>();
  let accountId: string;
  let submitted: string;

  beforeAll(async () => {
    proxy = createLoggingProxy();
    platform = await startSignedInPlatform({
      mode: "http",
      env: { REPORTS_UPLOAD_SWEEP_SECONDS: "0" },
      routeSubgraph: (name, url) => {
        direct.set(name, url);
        return proxy.route(name, url);
      },
    });
    const resident = await platform.token("resident");
    const me = await platform.graphql<{ me: { id: string } }>("{ me { id } }", {}, { token: resident });
    accountId = me.body.data?.me.id ?? "";
    const report = await platform.graphql<{ submitReport: { __typename: string } }>(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename } }`,
      {
        input: {
          categoryCode: "chaussee-degradee",
          location: { lat: 48.565, lon: 7.762 },
          description: "Un nid-de-poule profond devant la boulangerie.",
          attributes: [{ code: "taille", values: ["moyen"] }],
        },
      },
      { token: resident },
    );
    submitted = report.body.data?.submitReport.__typename ?? JSON.stringify(report.body.errors);
  });
  afterAll(async () => {
    await platform?.close();
    await proxy?.close();
  });

  const headersOf = (filter: (request: CapturedRequest) => boolean) =>
    proxy.captured.filter((request) => filter(request) && typeof request.headers[CALLER_HEADER] === "string");

  it("the signed calls themselves go through the proxy and succeed", () => {
    expect(accountId).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted).toBe("ReportSubmitted");
    // The resident's header on its way to identity, and the system header reports sends to directory.
    expect(headersOf((request) => request.subgraph === "identity").length).toBeGreaterThan(0);
    const systemToDirectory = headersOf(
      (request) =>
        request.subgraph === "directory" && callerKindOf(String(request.headers[CALLER_HEADER])) === "system",
    );
    expect(systemToDirectory.length).toBeGreaterThan(0);
  });

  it("every captured header is refused by every subgraph, with its own body or another", async () => {
    const captured = headersOf(() => true);
    expect(captured.length).toBeGreaterThanOrEqual(3);
    const attacks = [
      // The resident's data export, through _entities, as the review did with petitions.
      JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExport { accountId } } }`,
        variables: { r: [{ __typename: "PersonalDataExport", accountId }] },
      }),
      // Erasing the resident's data, as the review did with notifications and the system header.
      JSON.stringify({ query: `mutation { _eraseAccountData(accountId: "${accountId}") { __typename } }` }),
    ];
    let refused = 0;
    for (const request of captured) {
      const header = String(request.headers[CALLER_HEADER]);
      for (const target of NAMES) {
        for (const body of [request.body, ...attacks]) {
          const { status, answer } = await post(direct.get(target) as string, header, body);
          expect(status, `${request.subgraph} header replayed to ${target}`).toBe(401);
          expect(answer.data ?? null).toBeNull();
          refused++;
        }
      }
    }
    expect(refused).toBe(captured.length * NAMES.length * 3);
    // Nothing was erased: the resident is still there.
    const resident = await platform.token("resident");
    const me = await platform.graphql<{ me: { id: string } | null }>(
      "{ me { id } }",
      {},
      { token: resident },
    );
    expect(me.body.data?.me?.id).toBe(accountId);
  });

  it("a fresh header made for one subgraph is refused by every other, and still accepted by its own", async () => {
    const body = JSON.stringify({ query: "{ _service { sdl } }" });
    for (const audience of NAMES) {
      const request: SignedRequest = { audience, method: "POST", path: "/graphql", body };
      const header = signCaller(ANONYMOUS, platform.config.CALLER_SIGNING_SECRET, request);
      for (const other of NAMES.filter((name) => name !== audience)) {
        expect((await post(direct.get(other) as string, header, body)).status, `${audience} → ${other}`).toBe(
          401,
        );
      }
      // A changed body is refused by the right subgraph too …
      const changed = JSON.stringify({ query: "{ _service { sdl }   }" });
      expect((await post(direct.get(audience) as string, header, changed)).status).toBe(401);
      // … and none of these refusals spent the nonce: the genuine request passes, once.
      expect((await post(direct.get(audience) as string, header, body)).status).toBe(200);
      expect((await post(direct.get(audience) as string, header, body)).status).toBe(401);
    }
  });

  describe("when the shared cache fails", () => {
    let server: SubgraphServer;
    let app: FastifyInstance;
    let url: string;
    let cache: Cache & { down: boolean };

    beforeAll(async () => {
      // The run's cache (Redis under `services`), failing as the Redis cache does when Redis is unreachable.
      const inner = platform.cache;
      cache = { ...inner, down: false } as Cache & { down: boolean };
      const failing =
        <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
        (...args: A) =>
          cache.down ? Promise.reject(new CacheError(operation, "redis is unreachable")) : call(...args);
      cache.get = failing("get", inner.get.bind(inner));
      cache.set = failing("set", inner.set.bind(inner));
      cache.setIfAbsent = failing("setIfAbsent", inner.setIfAbsent.bind(inner));
      cache.increment = failing("increment", inner.increment.bind(inner));
      cache.delete = failing("delete", inner.delete.bind(inner));
      cache.ping = failing("ping", inner.ping.bind(inner));
      cache.close = async () => {};
      const { config, db, log } = platform;
      const deps = { config, db, log, cache, internal: inProcessClient(config, new Map(), []) };
      const directory = subgraphByName("directory");
      if (!directory) throw new Error("no directory subgraph");
      server = await createSubgraphServer(directory, deps);
      app = await createSubgraphApp(server, deps);
      url = `${await app.listen({ host: "127.0.0.1", port: 0 })}/graphql`;
    });
    afterAll(async () => {
      await app?.close();
      await server?.stop();
    });

    const body = JSON.stringify({ query: "{ quartiers { totalCount } }" });
    const sign = () =>
      signCaller(ANONYMOUS, platform.config.CALLER_SIGNING_SECRET, {
        audience: "directory",
        method: "POST",
        path: "/graphql",
        body,
      });

    it("signed calls still pass and a replay within the process is still refused", async () => {
      const before = sign();
      const warmup = await post(url, before, body);
      expect(warmup.status, JSON.stringify(warmup.answer)).toBe(200);
      cache.down = true;
      try {
        for (let i = 0; i < 3; i++) {
          const header = sign();
          const first = await post(url, header, body);
          expect(first.status).toBe(200);
          expect(first.answer.errors).toBeUndefined();
          expect((await post(url, header, body)).status).toBe(401);
        }
        // Accepted while the cache was up, replayed during the outage: refused.
        expect((await post(url, before, body)).status).toBe(401);
      } finally {
        cache.down = false;
      }
    });
  });
});
