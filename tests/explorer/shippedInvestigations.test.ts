// The investigations shipped with Parvis are written against the supergraph's real fields: each one must validate
// against the composed API schema (a field renamed by a subgraph breaks this test, not an agent's morning).
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { composedApiSchema } from "../../schema/governance/composedApiSchema.ts";
import { checkDraft } from "../../subgraphs/staff/domain/investigation.ts";
import { shippedInvestigations } from "../../subgraphs/staff/investigations/catalogue.ts";

describe("shipped investigations", () => {
  const schema = composedApiSchema();
  const shipped = shippedInvestigations({ quartierId: "0194b0c2-0000-7000-8000-000000000000" });

  it("ships the three investigations of the issue", () => {
    expect(shipped.map((investigation) => investigation.seedKey)).toEqual([
      "reports-of-quartier-30-days",
      "petitions-near-threshold",
      "budget-projects-awaiting-feasibility",
    ]);
  });

  for (const investigation of shipped) {
    it(`« ${investigation.name} » validates against the composed supergraph and the saving rules`, () => {
      const errors = validate(schema, parse(investigation.operation)).map((error) => error.message);
      expect(errors).toEqual([]);
      expect(checkDraft({ ...investigation, visibility: "all_staff" }).ok).toBe(true);
    });
  }
});
