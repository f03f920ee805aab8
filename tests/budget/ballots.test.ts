// Ballots under the strict settings: one envelope per ballot, no change once cast. A ballot cast twice at once
// gives exactly one ballot; many voters at once are all counted exactly once; votes outside the voting phase are
// refused; a ledger tampered with before the results blocks their publication. Also: partner scopes, the map layer
// for the directory, and entity references.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { SYSTEM } from "../../platform/caller.ts";
import type { SubgraphServer } from "../../platform/subgraphServer.ts";
import {
  ADVANCE,
  budgetServer,
  type CastResult,
  COUNTS,
  CREATE_CAMPAIGN,
  castDirect,
  direct,
  errorCode,
  iso,
  ok,
  quartierIds,
  REVIEW,
  resident,
  SUBMIT,
  waitUntil,
} from "./support.ts";

// Generous: the machine running the tests may be busy, and each step must end before its phase does.
const SUBMISSION_SECONDS = 10;
const VOTING_SECONDS = 20;
const EUR = 100;

describe("ballots cast once, at once, and counted exactly once", () => {
  let platform: SignedInPlatform;
  let server: SubgraphServer;
  const token: Record<string, string> = {};
  let campaignId: string;
  let votingEndsAt: string;
  let submissionEndsAt: string;
  const city: string[] = [];
  const meinau: string[] = [];
  let meinauId: string;

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    server = await budgetServer(platform);
    for (const persona of ["resident", "agent", "ems-partner"])
      token[persona] = await platform.token(persona);
    meinauId = (await quartierIds(platform)).get("meinau") as string;
    const now = Date.now();
    submissionEndsAt = iso(now + SUBMISSION_SECONDS * 1000);
    votingEndsAt = iso(now + (SUBMISSION_SECONDS + VOTING_SECONDS) * 1000);
    const created = await ok<{ createBudgetCampaign: { campaign: { id: string } } }>(
      platform,
      CREATE_CAMPAIGN,
      {
        input: {
          title: "Budget participatif des quartiers",
          description: "Chaque bulletin choisit dans une seule enveloppe ; il ne se modifie pas.",
          totalBudgetCents: 500_000 * EUR,
          projectCapCents: 80_000 * EUR,
          submissionStartsAt: iso(now - 1000),
          submissionEndsAt,
          votingStartsAt: submissionEndsAt,
          votingEndsAt,
          ballot: { style: "KNAPSACK" },
          ballotScope: "ENVELOPE",
          ballotChangeable: false,
          eligibility: { residentRequired: true, participationPactRequired: false, minimumAge: 18 },
          envelopes: [
            { label: "Toute la ville", amountCents: 150_000 * EUR },
            {
              label: "Meinau",
              quartierId: meinauId,
              amountCents: 60_000 * EUR,
              ballot: { style: "APPROVAL", maxProjects: 1 },
            },
          ],
        },
      },
      token.agent,
    );
    campaignId = created.createBudgetCampaign.campaign.id;
  });
  afterAll(() => platform?.close());

  const counts = async () =>
    (
      await ok<{
        budgetCampaign: { ballotCount: number; ballotLedger: { head: { size: number; total: number } } };
      }>(platform, COUNTS, { id: campaignId })
    ).budgetCampaign;

  it("refuses campaigns that cannot work, with typed results", async () => {
    const base = {
      title: "Campagne impossible",
      description: "",
      totalBudgetCents: 100 * EUR,
      projectCapCents: 50 * EUR,
      submissionStartsAt: iso(Date.now()),
      submissionEndsAt: iso(Date.now() + 1000),
      votingStartsAt: iso(Date.now() + 2000),
      votingEndsAt: iso(Date.now() + 3000),
      ballot: { style: "APPROVAL", maxProjects: 3 },
    };
    const create = async (input: Record<string, unknown>) =>
      (
        await ok<{ createBudgetCampaign: { __typename: string } }>(
          platform,
          CREATE_CAMPAIGN,
          { input: { ...base, ...input } },
          token.agent,
        )
      ).createBudgetCampaign.__typename;
    expect(await create({ totalBudgetCents: -100 })).toBe("InvalidAmount");
    expect(await create({ projectCapCents: 1_000 * EUR })).toBe("InvalidAmount");
    expect(await create({ votingStartsAt: iso(Date.now() - 5000) })).toBe("InvalidSchedule");
    expect(await create({ envelopes: [{ label: "Trop", amountCents: 200 * EUR }] })).toBe("InvalidEnvelopes");
    expect(
      await create({ envelopes: [{ label: "Ailleurs", quartierId: randomUUID(), amountCents: 10 * EUR }] }),
    ).toBe("UnknownQuartier");
    expect(await errorCode(platform, CREATE_CAMPAIGN, { input: base }, token.resident)).toBe("FORBIDDEN");
    const campaigns = await ok<{ budgetCampaigns: { totalCount: number } }>(
      platform,
      "{ budgetCampaigns { totalCount } }",
      {},
    );
    expect(campaigns.budgetCampaigns.totalCount).toBe(1);
  });

  it("prepares a ballot of three city projects and two Meinau projects", async () => {
    const submit = async (title: string, euros: number, quartierId?: string) => {
      const data = await direct<{ submitBudgetProject: { __typename: string; project: { id: string } } }>(
        platform,
        server,
        resident(),
        SUBMIT,
        {
          input: {
            campaignId,
            title,
            description: `${title} : une proposition décrite assez longuement.`,
            estimatedCostCents: euros * EUR,
            ...(quartierId ? { quartierId, location: { lat: 48.553, lon: 7.75 } } : {}),
          },
        },
      );
      expect(data.submitBudgetProject.__typename).toBe("BudgetProjectSubmitted");
      return data.submitBudgetProject.project.id;
    };
    city.push(
      await submit("Abris vélos", 70_000),
      await submit("Composteurs", 60_000),
      await submit("Nichoirs", 50_000),
    );
    meinau.push(
      await submit("Terrain de pétanque", 20_000, meinauId),
      await submit("Boîte à livres", 5_000, meinauId),
    );

    // Only adults vote here, and the pact is not required: a minor resident is refused, a visitor without pact is not.
    const minor = resident({ ageBand: "16_17" });
    const refused = await direct<{ submitBudgetProject: { __typename: string; reasons: string[] } }>(
      platform,
      server,
      minor,
      SUBMIT,
      {
        input: {
          campaignId,
          title: "Projet d'un mineur",
          description: "Une proposition décrite assez longuement.",
          estimatedCostCents: 100,
        },
      },
    );
    expect(refused.submitBudgetProject).toMatchObject({ __typename: "NotEligible", reasons: ["TOO_YOUNG"] });

    // A vote before the voting phase is refused and changes nothing.
    expect(await castDirect(platform, server, resident(), campaignId, [city[0] as string])).toMatchObject({
      __typename: "VotingClosed",
      phase: "SUBMISSION",
    });
    expect((await counts()).ballotCount).toBe(0);

    await waitUntil(submissionEndsAt);
    const advance = async (to: string) =>
      (
        await ok<{ advanceBudgetPhase: { __typename: string } }>(
          platform,
          ADVANCE,
          { campaignId, to },
          token.agent,
        )
      ).advanceBudgetPhase.__typename;
    expect(await advance("ADMISSIBILITY")).toBe("BudgetPhaseAdvanced");
    const review = async (projectId: string, decision: string, costEstimateCents?: number) => {
      const data = await ok<{ reviewBudgetProject: { __typename: string } }>(
        platform,
        REVIEW,
        {
          input: {
            projectId,
            decision,
            justification: "Avis motivé du service.",
            ...(costEstimateCents ? { costEstimateCents } : {}),
          },
        },
        token.agent,
      );
      expect(data.reviewBudgetProject.__typename).toBe("BudgetProjectReviewed");
    };
    for (const id of [...city, ...meinau]) await review(id, "ADMISSIBLE");
    expect(await advance("FEASIBILITY")).toBe("BudgetPhaseAdvanced");
    const costs = [70_000, 60_000, 50_000, 20_000, 5_000];
    for (const [index, id] of [...city, ...meinau].entries())
      await review(id, "FEASIBLE", (costs[index] as number) * EUR);
    expect(await advance("VOTING")).toBe("BudgetPhaseAdvanced");
  }, 90_000);

  it("gives one ballot to a person who casts twice at once, and refuses a change", async () => {
    const voter = resident();
    const [first, second] = await Promise.all([
      castDirect(platform, server, voter, campaignId, [city[0] as string, city[1] as string]),
      castDirect(platform, server, voter, campaignId, [city[2] as string]),
    ]);
    expect([first.__typename, second.__typename].sort()).toEqual(["AlreadyVoted", "BallotCast"]);
    expect(await counts()).toMatchObject({ ballotCount: 1, ballotLedger: { head: { size: 1, total: 1 } } });

    // The same request twice at once (same idempotency key): one ballot, one ledger entry, both answers alike.
    const again = resident();
    const key = randomUUID();
    const [a, b] = await Promise.all([
      castDirect(platform, server, again, campaignId, [meinau[0] as string], key),
      castDirect(platform, server, again, campaignId, [meinau[0] as string], key),
    ]);
    expect([a, b].map((result) => result.__typename)).toEqual(["BallotCast", "BallotCast"]);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect((a.ballot as { id: string }).id).toBe((b.ballot as { id: string }).id);
    expect(await counts()).toMatchObject({ ballotCount: 2, ballotLedger: { head: { size: 2, total: 2 } } });
    expect(await castDirect(platform, server, again, campaignId, [meinau[1] as string])).toMatchObject({
      __typename: "AlreadyVoted",
    });
    const rows = await platform.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM budget.ballot WHERE campaign_id = $1",
      [campaignId],
    );
    expect(rows[0]?.n).toBe(2);
  });

  it("refuses projects from two envelopes, and rules per envelope, without changing anything", async () => {
    const before = await counts();
    expect(
      await castDirect(platform, server, resident(), campaignId, [city[2] as string, meinau[0] as string]),
    ).toMatchObject({
      __typename: "OutOfEnvelope",
      projectIds: [meinau[0]],
    });
    expect(
      await castDirect(platform, server, resident(), campaignId, [meinau[0] as string, meinau[1] as string]),
    ).toMatchObject({
      __typename: "TooManyProjects",
      maxProjects: 1,
    });
    expect(await castDirect(platform, server, resident(), campaignId, city)).toMatchObject({
      __typename: "OverBudget",
      totalCostCents: 180_000 * EUR + 0,
    });
    expect(await counts()).toEqual(before);
  });

  it("counts many voters voting at once exactly once each", async () => {
    const before = (await counts()).ballotCount;
    const voters = Array.from({ length: 40 }, () => resident());
    const results = await Promise.all(
      voters.map((voter, index) =>
        castDirect(
          platform,
          server,
          voter,
          campaignId,
          index % 2 ? [meinau[index % 4 === 1 ? 0 : 1] as string] : [city[0] as string, city[2] as string],
        ),
      ),
    );
    expect(results.every((result: CastResult) => result.__typename === "BallotCast")).toBe(true);
    expect(await counts()).toMatchObject({
      ballotCount: before + 40,
      ballotLedger: { head: { size: before + 40, total: before + 40 } },
    });
  });

  it("does not publish results from a ledger that disagrees with the ballots", async () => {
    await waitUntil(votingEndsAt);
    expect(await castDirect(platform, server, resident(), campaignId, [city[0] as string])).toMatchObject({
      __typename: "VotingClosed",
    });
    // Someone with database access rewrites one published entry: the recount no longer matches the ballots.
    const [entry] = await platform.db.query<{ seq: number; entry: string }>(
      "SELECT seq::int AS seq, entry FROM budget.ledger_entry WHERE log_id = $1 ORDER BY seq LIMIT 1",
      [`budget:campaign:${campaignId}`],
    );
    const forged = JSON.parse(entry?.entry as string);
    forged.data.projectIds = [city[1]];
    await platform.db.query("UPDATE budget.ledger_entry SET entry = $1 WHERE log_id = $2 AND seq = $3", [
      JSON.stringify(forged),
      `budget:campaign:${campaignId}`,
      entry?.seq,
    ]);
    const advanced = await ok<{ advanceBudgetPhase: Record<string, unknown> }>(
      platform,
      ADVANCE,
      { campaignId, to: "RESULTS" },
      token.agent,
    );
    expect(advanced.advanceBudgetPhase).toMatchObject({ __typename: "BallotLedgerMismatch" });
    const state = await ok<{ budgetCampaign: { phase: string; results: null } }>(
      platform,
      "query($id: ID!) { budgetCampaign(id: $id) { phase results { ballotCount } } }",
      { id: campaignId },
    );
    expect(state.budgetCampaign).toEqual({ phase: "VOTING", results: null });
    // An edit that leaves the tally as it was (the entry's date) is caught too: the root no longer matches the head.
    const redated = { ...JSON.parse(entry?.entry as string), at: "2020-01-01T00:00:00.000Z" };
    await platform.db.query("UPDATE budget.ledger_entry SET entry = $1 WHERE log_id = $2 AND seq = $3", [
      JSON.stringify(redated),
      `budget:campaign:${campaignId}`,
      entry?.seq,
    ]);
    const again = await ok<{ advanceBudgetPhase: Record<string, unknown> }>(
      platform,
      ADVANCE,
      { campaignId, to: "RESULTS" },
      token.agent,
    );
    expect(again.advanceBudgetPhase).toMatchObject({ __typename: "BallotLedgerMismatch" });
    // Restored, the ledger agrees again and the results are published.
    await platform.db.query("UPDATE budget.ledger_entry SET entry = $1 WHERE log_id = $2 AND seq = $3", [
      entry?.entry,
      `budget:campaign:${campaignId}`,
      entry?.seq,
    ]);
    const published = await ok<{ advanceBudgetPhase: Record<string, unknown> }>(
      platform,
      ADVANCE,
      { campaignId, to: "RESULTS" },
      token.agent,
    );
    expect(published.advanceBudgetPhase).toMatchObject({ __typename: "BudgetPhaseAdvanced" });
  }, 90_000);

  it("serves partners with the budget:read scope only", async () => {
    const query = "{ budgetCampaigns { totalCount } }";
    expect(await errorCode(platform, query, {}, token["ems-partner"])).toBe("FORBIDDEN");
    expect(
      (await ok<{ budgetCampaigns: { totalCount: number } }>(platform, query, {})).budgetCampaigns.totalCount,
    ).toBe(1);
  });

  it("gives the directory's map its layer, to the system caller only", async () => {
    const MAP = `query { _budgetMapFeatures(west: 7.7, south: 48.5, east: 7.8, north: 48.6, limit: 10) }`;
    const answer = await direct<{
      _budgetMapFeatures: {
        type: string;
        features: { properties: Record<string, unknown>; geometry: unknown }[];
      };
    }>(platform, server, SYSTEM, MAP, {});
    expect(answer._budgetMapFeatures.type).toBe("FeatureCollection");
    expect(answer._budgetMapFeatures.features).toHaveLength(2);
    expect(answer._budgetMapFeatures.features[0]).toMatchObject({
      geometry: { type: "Point", coordinates: [7.75, 48.553] },
      properties: { status: expect.stringMatching(/SELECTED/), campaign: campaignId },
    });
    const asCitizen = await callSubgraph(
      server,
      MAP,
      {},
      { caller: resident(), secret: platform.config.CALLER_SIGNING_SECRET },
    );
    expect(asCitizen.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await errorCode(platform, MAP, {}, token.agent)).toBe("GRAPHQL_VALIDATION_FAILED");
    const outside = await callSubgraph(
      server,
      MAP.replace("7.7", "8.0"),
      {},
      { caller: SYSTEM, secret: platform.config.CALLER_SIGNING_SECRET },
    );
    expect(outside.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("resolves projects and campaigns as entities, and refuses partners without the scope there too", async () => {
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on BudgetProject { title } ... on BudgetCampaign { title } } }`;
    const representations = [
      { __typename: "BudgetProject", id: meinau[0] },
      { __typename: "BudgetCampaign", id: campaignId },
      { __typename: "BudgetProject", id: "not-a-uuid" },
    ];
    const secret = platform.config.CALLER_SIGNING_SECRET;
    const anonymous = await callSubgraph(server, ENTITIES, { r: representations }, { secret });
    expect(anonymous.body.data?._entities).toEqual([
      { title: "Terrain de pétanque" },
      { title: "Budget participatif des quartiers" },
      null,
    ]);
    const partner = {
      ...SYSTEM,
      kind: "partner" as const,
      roles: ["partner" as const],
      partnerClientId: "ems-partner",
      scopes: ["reports:read"],
    };
    const refused = await callSubgraph(server, ENTITIES, { r: representations }, { caller: partner, secret });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const allowed = await callSubgraph(
      server,
      ENTITIES,
      { r: representations },
      { caller: { ...partner, scopes: ["budget:read"] }, secret },
    );
    expect(allowed.body.errors).toBeUndefined();
  });
});
