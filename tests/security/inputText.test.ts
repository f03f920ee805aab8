// Issue 15, item 5, on one platform whose log is captured:
// - text arguments: a NUL byte (or a lone surrogate) in any string argument or input field is BAD_USER_INPUT,
//   refused once by the platform for every subgraph — it used to reach PostgreSQL and come back as an internal error
//   (22021). LIKE wildcards typed by a caller are taken literally by every search.
// - logs: after those requests and more hostile ones that carry the personas' names, e-mail addresses and phone
//   numbers (in searches, ids, GET query strings, NUL bytes, forged tokens), and after database errors raised with
//   those values as SQL parameters (PGlite's errors carry `params` and `query`; pg's carry `detail`), the captured
//   log holds none of them, and no token (`eyJ`).
// - dates: text or an out-of-range date in a Date or DateTime variable is BAD_USER_INPUT (HTTP 400) from the
//   gateway, whose message does not repeat it — nor does the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { DEFAULT_PERSONAS } from "../../simulators/monstrasbourg/personas.ts";

const lines: string[] = [];
let platform: SignedInPlatform;
beforeAll(async () => {
  platform = await startSignedInPlatform({ logDestination: { write: (line) => lines.push(line) } });
});
afterAll(() => platform?.close());

const NUL = "abc\u0000def";
const LONE_SURROGATE = "abc\ud800def";

describe("text arguments", () => {
  let organizationId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    for (const persona of ["resident", "agent", "dpo"]) tokens[persona] = await platform.token(persona);
    const { body } = await platform.graphql<{ organizations: { edges: { node: { id: string } }[] } }>(
      "{ organizations(first: 1) { edges { node { id } } } }",
    );
    organizationId = body.data?.organizations.edges[0]?.node.id as string;
    expect(organizationId).toBeTruthy();
  });
  const CASES: { name: string; persona?: string; query: string; variables: (text: string) => object }[] = [
    {
      name: "petitions(search:)",
      query: "query($t: String) { petitions(search: $t) { totalCount } }",
      variables: (t) => ({ t }),
    },
    {
      name: "organizations(filter.search)",
      query: "query($t: String) { organizations(filter: { search: $t }) { totalCount } }",
      variables: (t) => ({ t }),
    },
    {
      name: "organizationBySlug",
      query: "query($t: String!) { organizationBySlug(slug: $t) { id } }",
      variables: (t) => ({ t }),
    },
    {
      name: "reportCategory",
      query: "query($t: String!) { reportCategory(code: $t) { code } }",
      variables: (t) => ({ t }),
    },
    {
      name: "auditTrail(operationName:)",
      persona: "dpo",
      query: "query($t: String) { auditTrail(filter: { operationName: $t }) { pageInfo { hasNextPage } } }",
      variables: (t) => ({ t }),
    },
    {
      name: "saveInvestigation",
      persona: "agent",
      query: `mutation($t: String!) { saveInvestigation(input: { name: $t, operation: "{ quartiers { totalCount } }" }) { __typename } }`,
      variables: (t) => ({ t }),
    },
    {
      name: "claimOrganization",
      persona: "resident",
      query:
        "mutation($id: ID!, $t: String) { claimOrganization(organizationId: $id, message: $t) { __typename } }",
      variables: (t) => ({ id: organizationId, t }),
    },
  ];

  for (const text of [NUL, LONE_SURROGATE]) {
    it.each(CASES)(`refuses ${JSON.stringify(text)} in $name with BAD_USER_INPUT`, async (c) => {
      const token = c.persona ? tokens[c.persona] : undefined;
      const { status, body } = await platform.graphql(
        c.query,
        c.variables(text) as Record<string, unknown>,
        token ? { token } : {},
      );
      expect(status).toBeLessThan(500);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    });
  }

  it("refuses a NUL byte written in the document itself", async () => {
    const { body } = await platform.graphql('{ organizationBySlug(slug: "a\\u0000b") { id } }');
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  });

  it('takes LIKE wildcards literally: organizations(filter:{search:"%"}) matches nothing', async () => {
    const count = async (search: string) => {
      const { body } = await platform.graphql<{ organizations: { totalCount: number } }>(
        "query($t: String) { organizations(filter: { search: $t }) { totalCount } }",
        { t: search },
      );
      expect(body.errors).toBeUndefined();
      return body.data?.organizations.totalCount ?? -1;
    };
    expect(await count("")).toBeGreaterThan(0);
    expect(await count("%")).toBe(0);
    expect(await count("_")).toBe(0);
    expect(await count("\\")).toBe(0);
    const { body } = await platform.graphql<{ organizations: { edges: { node: { name: string } }[] } }>(
      "{ organizations(first: 1) { edges { node { name } } } }",
    );
    const name = body.data?.organizations.edges[0]?.node.name as string;
    expect(await count(name.slice(1, 4).toUpperCase())).toBeGreaterThan(0);
  });

  it("takes LIKE wildcards literally in the other searches (events, places, budget projects)", async () => {
    const { body } = await platform.graphql<Record<string, { totalCount: number }>>(
      `{ events(filter: { search: "%" }) { totalCount } places(filter: { search: "%" }) { totalCount } }`,
    );
    expect(body.errors).toBeUndefined();
    for (const connection of Object.values(body.data ?? {})) expect(connection.totalCount).toBe(0);
  });
});

const PEOPLE = DEFAULT_PERSONAS.slice(0, 6);
const who = (p: (typeof PEOPLE)[number]) =>
  `${p.firstName} ${p.lastName} ${p.email} ${p.phone ?? "+33612345678"}`;

/** What must never appear in a log line. */
const FORBIDDEN = [
  ...PEOPLE.flatMap((p) => [
    `${p.firstName} ${p.lastName}`,
    p.lastName,
    p.email,
    ...(p.phone ? [p.phone] : []),
  ]),
  "+33612345678",
  "eyJ",
  // What the dates above carried.
  "Dupont",
  "-271821",
];

// Outside probe, finding 2: text (or an out-of-range date) in a Date or DateTime variable was an unexpected error
// in a subgraph (HTTP 200, INTERNAL_SERVER_ERROR) whose log line, at level error, repeated the value.
describe("dates that are not dates", () => {
  const JEANNE = "Jeanne Dupont jeanne.dupont@example.org";
  const CASES: { query: string; variables: (d: string) => object; persona?: string }[] = [
    {
      query: "query($d: Date) { events(filter: { from: $d }, first: 1) { totalCount } }",
      variables: (d) => ({ d }),
    },
    {
      query: "query($d: DateTime) { reports(filter: { since: $d }, first: 1) { totalCount } }",
      variables: (d) => ({ d }),
    },
    {
      persona: "agent",
      query: `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }`,
      variables: (d) => ({
        input: {
          reportId: "0194b0c2-0000-7000-8000-000000000000",
          status: "IN_PROGRESS",
          expectedResolutionAt: d,
        },
      }),
    },
  ];

  it("refuses them as BAD_USER_INPUT with HTTP 400, before any subgraph, without repeating the value", async () => {
    const tokens: Record<string, string> = { agent: await platform.token("agent") };
    for (const { query, variables, persona } of CASES) {
      for (const value of [
        JEANNE,
        "-271821-04-20T00:00:00.000Z",
        "-271821-04-20",
        "2026-02-30",
        "+275760-09-13",
      ]) {
        const response = await fetch(platform.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(persona ? { authorization: `Bearer ${tokens[persona]}` } : {}),
          },
          body: JSON.stringify({ query, variables: variables(value) }),
        });
        const text = await response.text();
        expect(response.status, `${value} in ${query}`).toBe(400);
        const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
        expect(body.errors.map((e) => e.extensions.code)).toEqual(["BAD_USER_INPUT"]);
        expect(body.errors[0]?.message).toMatch(/^Variable "\$(d|input)" got invalid value/);
        expect(text).not.toContain(value);
        expect(text).not.toContain("Dupont");
      }
    }
  });

  it("refuses them written in the document too, and still takes real dates", async () => {
    const literal = await platform.graphql(
      `{ events(filter: { from: "${JEANNE}" }, first: 1) { totalCount } }`,
    );
    expect(literal.body.errors?.map((e) => e.extensions?.code)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const good = await platform.graphql<{ events: { totalCount: number } }>(
      "query($d: Date) { events(filter: { from: $d }, first: 1) { totalCount } }",
      { d: "2026-11-28" },
    );
    expect(good.body.errors).toBeUndefined();
    expect(good.body.data?.events.totalCount).toBeGreaterThanOrEqual(0);
  });
});

describe("logs after hostile requests", () => {
  it("name no one and hold no token", async () => {
    const resident = await platform.token("resident");
    const agent = await platform.token("agent");
    for (const person of PEOPLE) {
      const text = who(person);
      for (const search of [text, `${text}\u0000`, `%${text}_`]) {
        await platform.graphql("query($t: String) { petitions(search: $t) { totalCount } }", { t: search });
        await platform.graphql("query($t: String) { organizations(filter: { search: $t }) { totalCount } }", {
          t: search,
        });
      }
      await platform.graphql("query($id: ID!) { quartier(id: $id) { name } }", { id: person.email });
      await platform.graphql(
        "query($t: String!) { organizationBySlug(slug: $t) { id } }",
        { t: text },
        {
          token: resident,
        },
      );
      await platform.graphql("query($id: ID!) { report(id: $id) { id } }", { id: text }, { token: agent });
      await platform.graphql("{ me { id } }", {}, { token: `${resident.slice(0, -4)}AAAA` });
      await platform.graphql("{ me { id } }", {}, { token: `eyJ${Buffer.from(text).toString("base64url")}` });
      const get = new URL(platform.url);
      get.searchParams.set("query", "query($t: String) { petitions(search: $t) { totalCount } }");
      get.searchParams.set("variables", JSON.stringify({ t: text }));
      await fetch(get, { headers: { "apollo-require-preflight": "1", authorization: `Bearer ${resident}` } });
      // A path is logged as the route it matched, never as sent: it may hold a secret (an Open311 tracking
      // token) or a person's words (outside probe, round 2).
      for (const path of [
        `/open311/v2/tokens/${person.email}.json`,
        `/media/report-photos/${encodeURI(text)}`,
      ])
        await fetch(new URL(path, platform.url));
      // Database errors whose parameters and detail hold the person's data, as a resolver would log them.
      for (const sql of ["SELECT $1::uuid", "SELECT $1::int", "SELECT 1 FROM no_such_table WHERE $1 = 'x'"]) {
        const error = await platform.db.query(sql, [text]).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeTruthy();
        platform.log.error({ err: error }, "unexpected resolver error");
      }
    }
    const log = lines.join("");
    expect(log).toContain("unexpected resolver error");
    for (const needle of FORBIDDEN) {
      const at = log.indexOf(needle);
      expect(
        at === -1 ? null : log.slice(Math.max(0, at - 200), at + 100),
        `log contains ${needle}`,
      ).toBeNull();
    }
  });
});
