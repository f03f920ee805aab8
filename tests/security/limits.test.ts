// Operation limits: depth, aliases, root fields, tokens, directives and cost are enforced at the gateway, and
// no error message discloses a limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMIT_MESSAGE } from "../../gateway/security/operationLimits.ts";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";

describe("operation limits", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({
      env: {
        LIMIT_MAX_DEPTH: "6",
        LIMIT_MAX_ALIASES: "5",
        LIMIT_MAX_ROOT_FIELDS: "3",
        LIMIT_MAX_TOKENS: "400",
        LIMIT_MAX_DIRECTIVES: "4",
        LIMIT_COST_ANONYMOUS: "300",
      },
    });
  });
  afterAll(() => platform?.close());

  const refused = async (query: string, variables?: Record<string, unknown>) => {
    const { status, body } = await platform.graphql(query, variables);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toBe(LIMIT_MESSAGE);
    expect(JSON.stringify(body)).not.toMatch(/\b(6|5|3|400|4|300)\b.*(limit|max)/i);
    return body;
  };
  const accepted = async (query: string, variables?: Record<string, unknown>) => {
    const { status, body } = await platform.graphql(query, variables);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  };

  it("refuses an operation deeper than the limit", async () => {
    await accepted("{ quartiers(first: 1) { edges { node { commune { name } } } } }");
    await refused(
      "{ quartiers(first: 1) { edges { node { commune { quartiers { commune { quartiers { name } } } } } } } }",
    );
  });

  it("refuses too many aliases", async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: __typename`).join(" ");
    await refused(`{ ${aliases} }`);
  });

  it("refuses too many root fields", async () => {
    await accepted("{ a: __typename b: __typename c: __typename }");
    await refused(
      "{ quartiers(first: 1) { totalCount } communes(first: 1) { totalCount } me { id } __typename }",
    );
  });

  it("refuses too many directives", async () => {
    await refused(
      "{ __typename @include(if: true) @include(if: true) @skip(if: false) @skip(if: false) @include(if: true) }",
    );
  });

  it("refuses too many tokens without saying how many", async () => {
    const body = await refused(`{ quartiers(first: 1) { edges { node { ${"name ".repeat(450)}} } } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("costs lists by their page size, with variables, per caller", async () => {
    await accepted("{ quartiers(first: 10) { edges { node { name } } } }");
    await refused("{ quartiers(first: 100) { edges { node { name commune { name } } } } }");
    await refused("query($n: Int) { quartiers(first: $n) { edges { node { name commune { name } } } } }", {
      n: 100,
    });
  });

  it("caps page sizes at 100 whatever the budget", async () => {
    const { body } = await platform.graphql("{ quartiers(first: 101) { totalCount } }");
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses a request body over the size limit with 413", async () => {
    const response = await fetch(platform.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }", variables: { padding: "x".repeat(300_000) } }),
    });
    expect(response.status).toBe(413);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe("BAD_REQUEST");
  });
});

describe("introspection and the cost limit", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ env: { LIMIT_COST_ANONYMOUS: "300" } });
  });
  afterAll(() => platform?.close());

  it("lets a full introspection query through (tools like GraphiQL send one), whatever the cost budget", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const { status, body } = await platform.graphql(getIntrospectionQuery());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});
