// The same supergraph on both engines: every registered operation (as each caller its file declares, by document
// id, in production mode) and the federation test queries run through @apollo/gateway and through Hive Gateway,
// and the answers must be the same — status, data and errors — apart from the deliberate differences listed in
// docs/gateway-engines.md (checked here too, so that the list stays true).
// Two platforms side by side, each with its own demo database: what a case creates has other ids and times on
// each, so ids, times and opaque tokens are compared by position (the first id of one answer with the first id of
// the other, and so on), everything else as it is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayEngine } from "../../gateway/engine.ts";
import { startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { registeredOperations } from "../../schema/operations.ts";
import { type Case, type Data, operationCases } from "../operations/cases.ts";

interface Answer {
  status: number;
  body: { data?: Data | null; errors?: { message: string; path?: unknown[]; extensions?: unknown }[] };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g;
/** Tokens, hashes, cursors: long, lower-case letters mixed with capitals or digits (not a code such as
 * BAD_USER_INPUT). A random token may hold no digit at all ("vSjbNAaOx-mfVunSVBacqMkF"): capitals count too. */
const OPAQUE = /^(?=.*[a-z])(?=.*[A-Z0-9])[A-Za-z0-9_+/=-]{20,}$/;

/** The answer with each id, time and opaque token replaced by its rank of first appearance in the answer. */
function byPosition(value: unknown): unknown {
  // One numbering per kind: an opaque token seen first must not shift the ids' ranks.
  const seen = new Map<string, Map<string, string>>();
  const rank = (kind: string, text: string) => {
    const ofKind = seen.get(kind) ?? new Map<string, string>();
    seen.set(kind, ofKind);
    let name = ofKind.get(text);
    if (!name) {
      name = `<${kind}${ofKind.size}>`;
      ofKind.set(text, name);
    }
    return name;
  };
  const walk = (node: unknown, key?: string): unknown => {
    if (key === "__typename") return node;
    if (typeof node === "string") {
      const ids = node.replace(TIME, "<time>").replace(UUID, (id) => rank("id", id.toLowerCase()));
      if (ids !== node) return ids;
      return OPAQUE.test(node) ? rank("opaque", node) : node;
    }
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (node && typeof node === "object")
      return Object.fromEntries(Object.entries(node).map(([name, inner]) => [name, walk(inner, name)]));
    return node;
  };
  return walk(value);
}

/** A platform in production mode on one engine, with its own callers' tokens and its own memory of the cases. */
async function side(engine: GatewayEngine) {
  const platform = await startSignedInPlatform({
    productionRules: true,
    env: { TRUSTED_DOCUMENTS_ONLY: "true" },
    seed: "demo",
    engine,
  });
  const tokens = new Map<string, string>();
  const tokenOf = async (caller: string) => {
    if (caller === "anonymous") return undefined;
    let token = tokens.get(caller);
    if (!token) {
      token = await platform.token(caller);
      tokens.set(caller, token);
    }
    return token;
  };
  const post = async (
    caller: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) => {
    const token = await tokenOf(caller);
    const response = await fetch(platform.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Apollo-Require-Preflight": "true",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  };
  return { platform, cases: operationCases(), post };
}

type Side = Awaited<ReturnType<typeof side>>;

const operations = registeredOperations();
const order = Object.keys(operationCases());
const ordered = [...operations]
  .filter((operation) => order.includes(operation.name))
  .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));

describe("the same answers from @apollo/gateway and Hive Gateway (Rust planner)", () => {
  let apollo: Side;
  let hive: Side;
  beforeAll(async () => {
    [apollo, hive] = await Promise.all([side({ name: "apollo" }), side({ name: "hive", planner: "rust" })]);
  }, 600_000);
  afterAll(async () => {
    await apollo?.platform.close();
    await hive?.platform.close();
  });

  /** Runs one request on both sides and compares; the answers are returned for further checks. */
  async function both(
    caller: string,
    body: (cases: Record<string, Case>) => Promise<Record<string, unknown>> | Record<string, unknown>,
  ): Promise<[Answer, Answer]> {
    const a = await apollo.post(caller, await body(apollo.cases));
    const h = await hive.post(caller, await body(hive.cases));
    expect({ status: h.status, body: byPosition(h.body) }).toEqual({
      status: a.status,
      body: byPosition(a.body),
    });
    return [a, h];
  }

  for (const operation of ordered) {
    for (const caller of operation.callers) {
      it(`${operation.name} as ${caller}`, async () => {
        const [a, h] = await both(caller, async (cases) => ({
          operationName: operation.name,
          variables: (await cases[operation.name]?.variables?.(caller)) ?? {},
          extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } },
        }));
        // Both answers hold what the case requires (and each side keeps what its later cases need).
        for (const [answer, cases] of [
          [a, apollo.cases],
          [h, hive.cases],
        ] as const) {
          expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
          cases[operation.name]?.check?.(answer.body.data as Data, caller);
        }
      });
    }
  }

  // The federation test queries (tests/federation/federation.test.ts), as staff, who may send any document.
  const QUARTIERS_WITH_COUNTS = /* GraphQL */ `
    query QuartiersWithCounts($first: Int) {
      quartiers(first: $first) {
        totalCount
        edges { node { id name commune { name inseeCode } participantCount } }
      }
    }`;
  const PAGE = /* GraphQL */ `query Page($after: String) { quartiers(first: 4, after: $after) {
    edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;

  it("federation: a query whose fields come from two subgraphs", async () => {
    for (const first of [1, 5, 11])
      await both("agent", () => ({ query: QUARTIERS_WITH_COUNTS, variables: { first } }));
  });

  it("federation: pages with opaque cursors, and a forged cursor refused", async () => {
    let after: string | null = null;
    for (let page = 0; page < 4; page++) {
      const [a]: [Answer, Answer] = await both("agent", () => ({ query: PAGE, variables: { after } }));
      const quartiers = a.body.data?.quartiers as { pageInfo: { hasNextPage: boolean; endCursor: string } };
      const info = quartiers.pageInfo;
      if (!info.hasNextPage) break;
      after = info.endCursor;
    }
    const [forged] = await both("agent", () => ({ query: PAGE, variables: { after: "not-a-cursor" } }));
    expect(forged.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
  });

  // Refusals: a citizen (and an anonymous caller) may run registered operations only; the limits (depth, root
  // fields, cost), validation, parse and variable errors, an operation name the document does not hold.
  const deep = `{ quartiers(first: 1) { edges { node { commune { quartiers { commune { quartiers { commune { quartiers { commune { quartiers { commune { name } } } } } } } } } } } } }`;
  const REFUSALS: [string, string, Record<string, unknown>][] = [
    [
      "an unregistered document from a citizen",
      "resident",
      { query: "{ quartiers(first: 1) { totalCount } }" },
    ],
    ["introspection by an anonymous caller", "anonymous", { query: "{ __schema { types { name } } }" }],
    [
      "an unknown document id",
      "anonymous",
      { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } },
    ],
    ["too deep", "agent", { query: deep }],
    [
      "too many root fields",
      "agent",
      { query: `{ ${Array.from({ length: 12 }, (_, i) => `q${i}: __typename`).join(" ")} }` },
    ],
    [
      "too costly",
      "agent",
      {
        query:
          "{ quartiers(first: 10000) { edges { node { commune { quartiers { commune { quartiers { name } } } } } } } }",
      },
    ],
    ["a validation error", "agent", { query: "{ quartiers { nope } }" }],
    ["a parse error", "agent", { query: "{ quartiers { " }],
    [
      "a variable that does not coerce",
      "agent",
      { query: QUARTIERS_WITH_COUNTS, variables: { first: "cinq" } },
    ],
    [
      "an operation name the document does not hold",
      "agent",
      { query: QUARTIERS_WITH_COUNTS, operationName: "Autre" },
    ],
  ];
  it.each(REFUSALS)("refusal: %s", async (_label, caller, body) => {
    const [a] = await both(caller, () => body);
    expect(a.status).toBeGreaterThanOrEqual(400);
  });
});
