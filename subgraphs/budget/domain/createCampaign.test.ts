import { describe, expect, it } from "vitest";
import { type CreateCampaignInput, checkCampaign } from "./createCampaign.ts";

const valid: CreateCampaignInput = {
  title: "Budget participatif 2026",
  description: "",
  totalBudgetCents: 1_000_000_00,
  projectCapCents: 100_000_00,
  submissionStartsAt: new Date("2026-01-01"),
  submissionEndsAt: new Date("2026-02-01"),
  votingStartsAt: new Date("2026-04-01"),
  votingEndsAt: new Date("2026-05-01"),
  ballotScope: "campaign",
  ballotChangeable: true,
  requireResident: true,
  requirePact: true,
  minimumAge: 16,
  envelopes: [
    {
      quartierId: null,
      label: "Toute la ville",
      amountCents: 700_000_00,
      ballotStyle: "knapsack",
      maxProjects: null,
      minimumSharePercent: 20,
    },
    {
      quartierId: "q1",
      label: "Neudorf",
      amountCents: 300_000_00,
      ballotStyle: "approval",
      maxProjects: 3,
      minimumSharePercent: null,
    },
  ],
};

describe("checkCampaign", () => {
  it("accepts a coherent campaign", () => {
    expect(checkCampaign(valid)).toBeNull();
  });

  it.each<[string, Partial<CreateCampaignInput>, string]>([
    ["a negative budget", { totalBudgetCents: -1 }, "invalid_amount"],
    ["a cap above the budget", { projectCapCents: 2_000_000_00 }, "invalid_amount"],
    ["a vote before the end of submissions", { votingStartsAt: new Date("2026-01-15") }, "invalid_schedule"],
    ["an odd minimum age", { minimumAge: 21 }, "invalid_envelopes"],
    ["no envelope", { envelopes: [] }, "invalid_envelopes"],
    ["envelopes above the budget", { totalBudgetCents: 900_000_00 }, "invalid_envelopes"],
  ])("refuses %s", (_label, change, expected) => {
    expect(checkCampaign({ ...valid, ...change })).toMatchObject({ problem: expected });
  });

  it("refuses two city-wide envelopes, a quartier twice and rules of the other style", () => {
    const [city, neudorf] = valid.envelopes as [
      CreateCampaignInput["envelopes"][0],
      CreateCampaignInput["envelopes"][0],
    ];
    const small = { ...city, amountCents: 1 };
    expect(checkCampaign({ ...valid, envelopes: [small, small] })).toMatchObject({
      problem: "invalid_envelopes",
    });
    expect(
      checkCampaign({
        ...valid,
        envelopes: [
          { ...neudorf, amountCents: 1 },
          { ...neudorf, amountCents: 1 },
        ],
      }),
    ).toMatchObject({ problem: "invalid_envelopes" });
    expect(checkCampaign({ ...valid, envelopes: [{ ...neudorf, minimumSharePercent: 10 }] })).toMatchObject({
      problem: "invalid_envelopes",
    });
    expect(checkCampaign({ ...valid, envelopes: [{ ...city, maxProjects: 2 }] })).toMatchObject({
      problem: "invalid_envelopes",
    });
  });
});
