// The outbox port of the emitting subgraphs (platform/outboxResolvers.ts) is the platform's own: absent from
// the public API, refused to anyone but the system caller when a subgraph is reached directly (unsigned, or signed
// as a citizen, staff or a partner), present in every subgraph that emits events. And the notifications subgraph's
// code never names another subgraph's schema in SQL: it reaches outboxes through this port only.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubgraphServers } from "../../app/platform.ts";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import { ANONYMOUS, CALLER_HEADER, type Caller, SYSTEM, signCaller } from "../../platform/caller.ts";
import { createSubgraphApp } from "../../platform/subgraphApp.ts";
import type { SubgraphServer } from "../../platform/subgraphServer.ts";
import { subgraphsWithOutbox } from "../../subgraphs/registry.ts";

const CLAIM = "mutation { _claimEvents(limit: 50, leaseMs: 600000) { id type subject payload attempts } }";
const ACCOUNT = "01900000-0000-7000-8000-0000000000a1";
const CITIZEN: Caller = {
  ...ANONYMOUS,
  kind: "citizen",
  accountId: ACCOUNT,
  roles: ["citizen"],
  verificationLevel: "resident_verified",
};
const ADMIN: Caller = {
  ...ANONYMOUS,
  kind: "staff",
  accountId: ACCOUNT,
  roles: ["staff", "admin"],
  staffService: "DMEPN",
  verificationLevel: "email_verified",
};
const PARTNER: Caller = {
  ...ANONYMOUS,
  kind: "partner",
  partnerClientId: "ems-partner",
  scopes: ["reports:read"],
};

/** Every .ts source of a folder, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the outbox port of the emitting subgraphs", () => {
  let platform: TestPlatform;
  let servers: Map<string, SubgraphServer>;
  let reports: SubgraphServer;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    servers = await createSubgraphServers(platform);
    reports = servers.get("reports") as SubgraphServer;
    app = await createSubgraphApp(reports, platform);
    url = `${await app.listen({ host: "127.0.0.1", port: 0 })}/graphql`;
  });
  afterAll(async () => {
    await app?.close();
    for (const server of servers?.values() ?? []) await server.apollo.stop();
    await platform?.close();
  });

  const attempts = async () =>
    (
      await platform.db.query<{ n: number }>(
        "SELECT coalesce(sum(attempts), 0)::int AS n FROM reports.outbox_event",
      )
    )[0]?.n;

  it("is found in every subgraph that emits events, and only there", () => {
    expect(subgraphsWithOutbox().sort()).toEqual([
      "budget",
      "comments",
      "directory",
      "participation",
      "petitions",
      "reports",
    ]);
  });

  it("is not part of the public API: the gateway does not know these fields", async () => {
    for (const query of [
      CLAIM,
      "{ _deadLetteredEvents { id } }",
      "mutation { _acknowledgeEvents(ids: []) }",
    ]) {
      const { status, body } = await platform.graphql(query);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    }
  });

  it("refuses _claimEvents sent to the subgraph without the gateway's signature (401)", async () => {
    const before = await attempts();
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: CLAIM }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
    expect(body.data ?? null).toBeNull();
    expect(await attempts()).toBe(before);
  });

  it.each([
    ["a citizen", CITIZEN],
    ["an administrator", ADMIN],
    ["a partner", PARTNER],
  ])("refuses the outbox operations to %s, even correctly signed", async (_label, caller) => {
    const before = await attempts();
    for (const query of [
      CLAIM,
      `mutation { _acknowledgeEvents(ids: ["${ACCOUNT}"]) }`,
      `mutation { _failEvent(id: "${ACCOUNT}", error: "x", deadLetter: true) }`,
      "mutation { _replayDeadLettered }",
      "{ _deadLetteredEvents { id } }",
    ]) {
      const body = JSON.stringify({ query });
      const header = signCaller(caller, platform.config.CALLER_SIGNING_SECRET, {
        audience: "reports",
        method: "POST",
        path: new URL(url).pathname,
        body,
      });
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", [CALLER_HEADER]: header },
        body,
      });
      const answer = (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
      expect(JSON.stringify(answer.errors)).toContain("FORBIDDEN");
      expect(Object.values(answer.data ?? {}).filter((value) => value !== null)).toEqual([]);
    }
    expect(await attempts()).toBe(before);
  });

  it("answers the system caller in every emitting subgraph, and checks its arguments", async () => {
    for (const name of subgraphsWithOutbox()) {
      const { status, body } = await callSubgraph(
        servers.get(name) as SubgraphServer,
        "{ _deadLetteredEvents(first: 10) { id type subject lastError deadLetteredAt } }",
        undefined,
        { caller: SYSTEM, secret: platform.config.CALLER_SIGNING_SECRET },
      );
      expect({ name, status, errors: body.errors }).toEqual({ name, status: 200, errors: undefined });
      expect(body.data?._deadLetteredEvents).toEqual([]);
    }
    const call = (query: string) =>
      callSubgraph(reports, query, undefined, {
        caller: SYSTEM,
        secret: platform.config.CALLER_SIGNING_SECRET,
      });
    for (const query of [
      `mutation { _failEvent(id: "${ACCOUNT}", error: "x", retryInMs: 10, deadLetter: true) }`,
      `mutation { _failEvent(id: "${ACCOUNT}", error: "x") }`,
      'mutation { _failEvent(id: "pas-un-uuid", error: "x", retryInMs: 10) }',
      "mutation { _claimEvents(limit: 0, leaseMs: 1000) { id } }",
      "mutation { _claimEvents(limit: 10, leaseMs: -1) { id } }",
    ]) {
      const { body } = await call(query);
      expect({ query, code: body.errors?.[0]?.extensions?.code }).toEqual({ query, code: "BAD_USER_INPUT" });
    }
    // An unknown (or already delivered) event is simply not there to fail.
    const { body } = await call(`mutation { _failEvent(id: "${ACCOUNT}", error: "x", retryInMs: 10) }`);
    expect(body.data?._failEvent).toBe(false);
  });

  it("is the only way the notifications subgraph reaches an outbox: its code names no other schema in SQL", () => {
    const root = fileURLToPath(new URL("../../subgraphs/notifications/", import.meta.url));
    const files = sources(root);
    expect(files.length).toBeGreaterThan(5);
    const foreign = /["'`\s(](identity|directory|petitions|budget|reports|staff)"?\s*\.\s*"?[a-z_]+"?/;
    const sqlKeywords = /\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN)\b/;
    const offending = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, index) => ({ file: file.slice(root.length), line: index + 1, text: line.trim() }))
        .filter(({ text }) => !text.startsWith("//") && !text.startsWith("*"))
        .filter(({ text }) => foreign.test(text) && (sqlKeywords.test(text) || /outbox_event/.test(text))),
    );
    expect(offending).toEqual([]);
    // Nor does it build SQL from a schema name: the relay has no database at all, only the internal client.
    const relay = readFileSync(join(root, "relay.ts"), "utf8");
    expect(relay).not.toMatch(/SqlRunner|Database|\.query\(|platform\/db\//);
    expect(relay).toMatch(/_claimEvents/);
  });
});
