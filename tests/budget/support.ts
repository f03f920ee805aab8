// Helpers of the budget suites: GraphQL documents, a typed call that fails loudly on unexpected errors, voters
// signed directly at the subgraph (many distinct people without a token each), and waiting for a campaign date.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { createSubgraphServers } from "../../app/platform.ts";
import type { TestPlatform } from "../../harness/platform.ts";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import { ANONYMOUS, type Caller } from "../../platform/caller.ts";
import type { SubgraphServer } from "../../platform/subgraphServer.ts";

export const PROBLEM = "... on Problem { __typename message }";

export const CREATE_CAMPAIGN = /* GraphQL */ `
  mutation CreateCampaign($input: CreateBudgetCampaignInput!) {
    createBudgetCampaign(input: $input) {
      __typename
      ... on BudgetCampaignCreated {
        campaign { id phase envelopes { id label ballotStyle maxProjects minimumSharePercent amountCents quartier { id } } }
      }
      ${PROBLEM}
    }
  }
`;

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitBudgetProjectInput!) {
    submitBudgetProject(input: $input) {
      __typename
      ... on BudgetProjectSubmitted { project { id status envelope { id } } }
      ... on NotEligible { reasons }
      ... on OverProjectCap { capCents costCents }
      ... on InvalidCost { givenCents }
      ${PROBLEM}
    }
  }
`;

export const REVIEW = /* GraphQL */ `
  mutation Review($input: ReviewBudgetProjectInput!) {
    reviewBudgetProject(input: $input) {
      __typename
      ... on BudgetProjectReviewed { project { id status costCents } }
      ... on InvalidTransition { currentStatus }
      ... on WrongPhase { phase }
      ... on OverProjectCap { capCents costCents }
      ${PROBLEM}
    }
  }
`;

export const ADVANCE = /* GraphQL */ `
  mutation Advance($campaignId: ID!, $to: BudgetPhase!) {
    advanceBudgetPhase(campaignId: $campaignId, to: $to) {
      __typename
      ... on BudgetPhaseAdvanced { campaign { id phase } }
      ... on InvalidPhaseTransition { currentPhase }
      ${PROBLEM}
    }
  }
`;

export const CAST = /* GraphQL */ `
  mutation Cast($campaignId: ID!, $projectIds: [ID!]!, $key: String!) {
    castBallot(campaignId: $campaignId, projectIds: $projectIds, idempotencyKey: $key) {
      __typename
      ... on BallotCast { replayed ballot { id revision totalCostCents ledgerToken ledgerIndex projects { id } } }
      ... on NotEligible { reasons }
      ... on TooManyProjects { envelopeId maxProjects chosen }
      ... on OverBudget { envelopeId amountCents totalCostCents }
      ... on BelowMinimumShare { minimumCents totalCostCents }
      ... on DuplicateProjects { projectIds }
      ... on UnknownProjects { projectIds }
      ... on IneligibleProjects { projectIds }
      ... on OutOfEnvelope { envelopeId projectIds }
      ... on VotingClosed { phase }
      ${PROBLEM}
    }
  }
`;

export const COUNTS = /* GraphQL */ `
  query Counts($id: ID!) {
    budgetCampaign(id: $id) { phase projectCount ballotCount ballotLedger { head { size total rootHash } } }
  }
`;

export interface Answer<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs an operation through the gateway and returns its data, failing the test on any GraphQL error. */
export async function ok<T = Record<string, unknown>>(
  platform: TestPlatform,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const { body } = await platform.graphql<T>(query, variables, token ? { token } : {});
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** The error code of an operation expected to fail. */
export async function errorCode(
  platform: TestPlatform,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<string | undefined> {
  const { body } = await platform.graphql(query, variables, token ? { token } : {});
  return body.errors?.[0]?.extensions?.code;
}

/** A verified resident who signed the pact, adult: eligible under the default rules. */
export function resident(overrides: Partial<Caller["claims"]> = {}): Caller {
  return {
    ...ANONYMOUS,
    kind: "citizen",
    accountId: randomUUID(),
    roles: ["citizen"],
    verificationLevel: "resident_verified",
    claims: { eurometropoleResident: true, participationPactSigned: true, ageBand: "18_plus", ...overrides },
  };
}

/** The budget subgraph's own server on the platform's database, for callers signed directly. */
export async function budgetServer(platform: TestPlatform): Promise<SubgraphServer> {
  const servers = await createSubgraphServers({
    config: platform.config,
    log: platform.log,
    db: platform.db,
    cache: platform.cache,
  });
  return servers.get("budget") as SubgraphServer;
}

export async function direct<T = Record<string, unknown>>(
  platform: TestPlatform,
  server: SubgraphServer,
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const { body } = await callSubgraph(server, query, variables, {
    caller,
    secret: platform.config.CALLER_SIGNING_SECRET,
  });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

export type CastResult = { __typename: string; [field: string]: unknown };

export async function castDirect(
  platform: TestPlatform,
  server: SubgraphServer,
  caller: Caller,
  campaignId: string,
  projectIds: string[],
  key = randomUUID(),
): Promise<CastResult> {
  const data = await direct<{ castBallot: CastResult }>(platform, server, caller, CAST, {
    campaignId,
    projectIds,
    key,
  });
  return data.castBallot;
}

/** Sleeps until a campaign date has passed (the phase rules compare with the server's clock). */
export async function waitUntil(date: Date | string): Promise<void> {
  const delay = new Date(date).getTime() - Date.now() + 100;
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
}

/** Quartier ids by slug, read from the seeded directory (the test needs ids, not the directory's API). */
export async function quartierIds(platform: TestPlatform): Promise<Map<string, string>> {
  const rows = await platform.db.query<{ id: string; slug: string }>(
    "SELECT id::text AS id, slug FROM directory.quartier",
  );
  return new Map(rows.map((row) => [row.slug, row.id]));
}

export const iso = (ms: number) => new Date(ms).toISOString();
