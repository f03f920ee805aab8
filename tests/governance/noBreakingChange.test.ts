// The supergraph composed from the subgraphs as they are now must not break the last committed one (git HEAD's
// schema/supergraph.graphql): a breaking change fails `npm test`, as it fails `npm run schema:check`.
import { describe, expect, it } from "vitest";
import { readBaseline } from "../../schema/governance/baseline.ts";
import { checkSchema, formatCheck } from "../../schema/governance/check.ts";

describe("schema governance", () => {
  it("has no breaking change against the last commit, unless deprecated first", async () => {
    const result = await checkSchema(readBaseline());
    expect(result.breaking, formatCheck(result)).toEqual([]);
  });
});
