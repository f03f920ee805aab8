// Issue #15 item 2: once the per-hour limit on a sensitive mutation is reached, the same mutation hidden in a named
// fragment, an inline fragment, or several aliases is refused too (root fields are collected as execution sees
// them: gateway/security/rootFields.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";

const FIELD = "chooseHomeQuartier(quartierId: null) { __typename }";

describe("the limit on sensitive mutations counts every root field", () => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform({
      env: {
        RATE_LIMIT_PER_ACCOUNT: "1000",
        RATE_LIMIT_SENSITIVE_MUTATIONS: "chooseHomeQuartier",
        RATE_LIMIT_SENSITIVE_PER_HOUR: "2",
      },
    });
  });
  afterAll(() => platform?.close());

  const codeOf = async (query: string, token: string) => {
    const { status, body } = await platform.graphql(query, undefined, { token });
    return { status, code: body.errors?.[0]?.extensions?.code };
  };

  it("refuses the fragment and inline-fragment variants once the limit is reached", async () => {
    const token = await platform.token("visitor");
    expect((await codeOf(`mutation { ${FIELD} }`, token)).code).toBeUndefined();
    expect((await codeOf(`mutation { ${FIELD} }`, token)).code).toBeUndefined();
    for (const variant of [
      `mutation { ${FIELD} }`,
      `mutation { ...F } fragment F on Mutation { ${FIELD} }`,
      `mutation { ... on Mutation { ${FIELD} } }`,
      `mutation { ... on Mutation { ...F } } fragment F on Mutation { ... { ${FIELD} } }`,
    ]) {
      expect(await codeOf(variant, token), variant).toEqual({ status: 429, code: "RATE_LIMITED" });
    }
  });

  it("counts every alias", async () => {
    const token = await platform.token("resident");
    const aliased = `mutation { a: ${FIELD} ... on Mutation { b: ${FIELD} } ...F } fragment F on Mutation { c: ${FIELD} }`;
    expect(await codeOf(aliased, token)).toEqual({ status: 429, code: "RATE_LIMITED" });
  });
});
