// Malformed requests get a GraphQL error with a code and a 4xx status; the process keeps serving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";

describe("bad requests at the gateway", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.close());

  const post = (body: string, contentType = "application/json") =>
    fetch(platform.url, { method: "POST", headers: { "content-type": contentType }, body });

  it.each([
    ["invalid JSON", "{bad", "application/json", 400, "BAD_REQUEST"],
    ["JSON that is not an operation", "[1,2]", "application/json", 400, "BAD_REQUEST"],
    [
      "an unknown field",
      JSON.stringify({ query: "{ nope }" }),
      "application/json",
      400,
      "GRAPHQL_VALIDATION_FAILED",
    ],
    [
      "a syntax error",
      JSON.stringify({ query: "{ quartiers(" }),
      "application/json",
      400,
      "GRAPHQL_PARSE_FAILED",
    ],
    [
      "a variable of the wrong type",
      JSON.stringify({
        query: "query($first: Int) { quartiers(first: $first) { totalCount } }",
        variables: { first: "ten" },
      }),
      "application/json",
      400,
      "BAD_USER_INPUT",
    ],
    [
      "plain text (CSRF-prone content type)",
      JSON.stringify({ query: "{ __typename }" }),
      "text/plain",
      400,
      "BAD_REQUEST",
    ],
  ])("refuses %s", async (_label, body, contentType, status, code) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    const json = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(json.errors[0]?.extensions.code).toBe(code);
    expect(JSON.stringify(json)).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it("refuses a page larger than 100 with BAD_USER_INPUT", async () => {
    const { body } = await platform.graphql("{ quartiers(first: 500) { totalCount } }");
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses an id that is not one with BAD_USER_INPUT", async () => {
    const { body } = await platform.graphql(`{ quartier(id: "1 OR 1=1") { name } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("refuses an unparseable bearer token with UNAUTHENTICATED and 401", async () => {
    const { status, body } = await platform.graphql("{ __typename }", undefined, { token: "not.a.token" });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("still answers after all of the above, and reports readiness", async () => {
    const { body } = await platform.graphql("{ quartiers(first: 1) { totalCount } }");
    expect(body.errors).toBeUndefined();
    const ready = await fetch(platform.url.replace("/graphql", "/ready"));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", cache: "ok" } });
    const health = await fetch(platform.url.replace("/graphql", "/health"));
    expect(await health.json()).toEqual({ status: "ok" });
  });
});
