// Issue 15, item 5: text arguments. A NUL byte (or a lone surrogate) in any string argument or input field is
// BAD_USER_INPUT, refused once by the kit for every subgraph — it used to reach PostgreSQL and come back as an
// internal error (22021). LIKE wildcards typed by a caller are taken literally by every search.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../support/withMonStrasbourg.ts";

const NUL = "abc\u0000def";
const LONE_SURROGATE = "abc\ud800def";

describe("text arguments", () => {
  let platform: SignedInPlatform;
  let organizationId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    for (const persona of ["resident", "agent", "dpo"]) tokens[persona] = await platform.token(persona);
    const { body } = await platform.graphql<{ organizations: { edges: { node: { id: string } }[] } }>(
      "{ organizations(first: 1) { edges { node { id } } } }",
    );
    organizationId = body.data?.organizations.edges[0]?.node.id as string;
    expect(organizationId).toBeTruthy();
  });
  afterAll(() => platform?.close());

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
