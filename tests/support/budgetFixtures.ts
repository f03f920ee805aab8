// Builders of domain records for the unit tests: valid defaults, overridden field by field.
import type { Campaign, Envelope, Project } from "../../subgraphs/budget/domain/model.ts";

export const CAMPAIGN_ID = "01900000-0000-7000-8000-00000000c001";

export function envelope(overrides: Partial<Envelope> = {}): Envelope {
  return {
    id: "env-city",
    campaignId: CAMPAIGN_ID,
    quartierId: null,
    label: "Toute la ville",
    amountCents: 100_000_00,
    ballotStyle: "knapsack",
    maxProjects: null,
    minimumSharePercent: null,
    position: 0,
    ...overrides,
  };
}

export function project(id: string, overrides: Partial<Project> = {}): Project {
  return {
    id,
    campaignId: CAMPAIGN_ID,
    envelopeId: "env-city",
    authorId: null,
    title: `Projet ${id}`,
    description: "Une description assez longue.",
    quartierId: null,
    latitude: null,
    longitude: null,
    estimatedCostCents: 10_000_00,
    reviewedCostCents: null,
    links: [],
    status: "feasible",
    mergedIntoId: null,
    progressPercent: null,
    finalCostCents: null,
    createdAt: new Date("2026-01-10T10:00:00Z"),
    updatedAt: new Date("2026-01-10T10:00:00Z"),
    ...overrides,
  };
}

export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: CAMPAIGN_ID,
    title: "Budget participatif",
    description: "",
    totalBudgetCents: 1_000_000_00,
    projectCapCents: 100_000_00,
    phase: "submission",
    submissionStartsAt: new Date("2026-01-01T00:00:00Z"),
    submissionEndsAt: new Date("2026-02-01T00:00:00Z"),
    votingStartsAt: new Date("2026-04-01T00:00:00Z"),
    votingEndsAt: new Date("2026-05-01T00:00:00Z"),
    ballotScope: "campaign",
    ballotChangeable: true,
    requireResident: true,
    requirePact: true,
    minimumAge: 16,
    resultsPublishedAt: null,
    resultsBallotCount: null,
    resultsLedgerSize: null,
    resultsLedgerRoot: null,
    createdAt: new Date("2025-12-01T00:00:00Z"),
    ...overrides,
  };
}
