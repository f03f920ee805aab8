import { describe, expect, it } from "vitest";
import { CAMPAIGN_ID, envelope, project } from "../../../tests/support/budgetFixtures.ts";
import { checkBallot, minimumSpend } from "./ballotRules.ts";
import type { Project } from "./model.ts";

const byId = (projects: Project[]) => new Map(projects.map((p) => [p.id, p]));
const city = envelope({ id: "env-city", amountCents: 100_000_00 });
const neudorf = envelope({
  id: "env-neudorf",
  quartierId: "q-neudorf",
  label: "Neudorf",
  amountCents: 30_000_00,
  ballotStyle: "approval",
  maxProjects: 2,
  position: 1,
});
const projects = byId([
  project("a", { estimatedCostCents: 60_000_00 }),
  project("b", { estimatedCostCents: 30_000_00, reviewedCostCents: 45_000_00 }),
  project("c", { estimatedCostCents: 20_000_00 }),
  project("n1", { envelopeId: "env-neudorf" }),
  project("n2", { envelopeId: "env-neudorf" }),
  project("n3", { envelopeId: "env-neudorf" }),
  project("studied", { status: "under_study" }),
  project("other", { campaignId: "01900000-0000-7000-8000-00000000c002" }),
]);
const scope = { id: CAMPAIGN_ID, ballotScope: "campaign" as const };

describe("checkBallot", () => {
  it("accepts a ballot within every envelope's rules, sorted, with the reviewed costs", () => {
    expect(checkBallot(["c", "n2", "a"], scope, [city, neudorf], projects)).toEqual({
      projectIds: ["a", "c", "n2"],
      totalCostCents: 60_000_00 + 20_000_00 + 10_000_00,
    });
  });

  it.each([
    [[], "empty_ballot"],
    [["a", "c", "a"], "duplicate_projects"],
    [["a", "zzz"], "unknown_projects"],
    [["a", "other"], "unknown_projects"],
    [["a", "studied"], "ineligible_projects"],
    [["n1", "n2", "n3"], "too_many_projects"],
    // 60 000 € + 45 000 € (the service's estimate, not the author's 30 000 €) > 100 000 €
    [["a", "b"], "over_budget"],
  ])("refuses %j with %s", (ids, expected) => {
    expect(checkBallot(ids, scope, [city, neudorf], projects)).toMatchObject({ problem: expected });
  });

  it("names the duplicates, unknown and ineligible projects", () => {
    expect(checkBallot(["a", "c", "a"], scope, [city], projects)).toMatchObject({ projectIds: ["a"] });
    expect(checkBallot(["zzz", "a"], scope, [city], projects)).toMatchObject({ projectIds: ["zzz"] });
    expect(checkBallot(["studied"], scope, [city], projects)).toMatchObject({ projectIds: ["studied"] });
  });

  it("keeps a ballot inside one envelope when the campaign votes per envelope", () => {
    const perEnvelope = { id: CAMPAIGN_ID, ballotScope: "envelope" as const };
    expect(checkBallot(["n1", "a", "n2"], perEnvelope, [city, neudorf], projects)).toMatchObject({
      problem: "out_of_envelope",
      envelopeId: "env-neudorf",
      projectIds: ["a"],
    });
    expect(checkBallot(["n1", "n2"], perEnvelope, [city, neudorf], projects)).not.toHaveProperty("problem");
  });

  it("requires the minimum share of a knapsack envelope", () => {
    const withShare = envelope({ minimumSharePercent: 50 });
    expect(minimumSpend(withShare)).toBe(50_000_00);
    expect(checkBallot(["c"], scope, [withShare], projects)).toMatchObject({
      problem: "below_minimum_share",
      minimumCents: 50_000_00,
      totalCostCents: 20_000_00,
    });
    expect(checkBallot(["a"], scope, [withShare], projects)).not.toHaveProperty("problem");
  });

  it("allows any number of approvals when no maximum is set", () => {
    const unlimited = envelope({ id: "env-neudorf", ballotStyle: "approval", maxProjects: null });
    expect(checkBallot(["n1", "n2", "n3"], scope, [unlimited], projects)).not.toHaveProperty("problem");
  });
});
