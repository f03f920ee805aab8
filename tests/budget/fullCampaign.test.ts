// A whole participatory-budget campaign through the gateway: residents submit, staff examine admissibility, merge a
// duplicate and study feasibility, residents vote under both ballot styles (approval in the city-wide envelope,
// knapsack with a minimum share in Neudorf's), the results are published and recounted from the public ledger,
// winners are followed up, and an erased voter's ballot stays counted. The campaign's dates are seconds apart, so
// each step waits for the real date its phase change requires.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSubgraph } from "../../harness/subgraphCall.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { SYSTEM } from "../../platform/caller.ts";
import { fromHex, leafHash, verifyInclusion } from "../../platform/ledger/index.ts";
import type { SubgraphServer } from "../../platform/subgraphServer.ts";
import { recountCampaign } from "../../subgraphs/budget/recount.ts";
import {
  ADVANCE,
  budgetServer,
  CAST,
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
const SUBMISSION_SECONDS = 15;
const VOTING_SECONDS = 25;
const EUR = 100; // cents

describe("a full participatory budget campaign", () => {
  let platform: SignedInPlatform;
  let server: SubgraphServer;
  const token: Record<string, string> = {};
  let neudorf: string;
  let campaignId: string;
  let schedule: { submissionEndsAt: string; votingEndsAt: string };
  let cityEnvelope: string;
  let neudorfEnvelope: string;
  type ProjectName =
    | "cycle"
    | "benches"
    | "fountain"
    | "garden"
    | "playground"
    | "trees"
    | "cycleDuplicate"
    | "tram"
    | "statue";
  const p = {} as Record<ProjectName, string>;

  beforeAll(async () => {
    // Retention after 0 days: the voter links of a closed vote are cut whenever _applyRetention runs (below, once).
    platform = await startSignedInPlatform({ env: { BUDGET_VOTER_LINK_RETENTION_DAYS: "0" } });
    server = await budgetServer(platform);
    for (const persona of ["resident", "visitor", "agent", "moderator", "admin", "ems-partner"]) {
      token[persona] = await platform.token(persona);
    }
    neudorf = (await quartierIds(platform)).get("neudorf-schluthfeld-port-du-rhin-musau") as string;
    const now = Date.now();
    schedule = {
      submissionEndsAt: iso(now + SUBMISSION_SECONDS * 1000),
      votingEndsAt: iso(now + (SUBMISSION_SECONDS + VOTING_SECONDS) * 1000),
    };
    const created = await ok<{
      createBudgetCampaign: { campaign: { id: string; envelopes: { id: string }[] } };
    }>(
      platform,
      CREATE_CAMPAIGN,
      {
        input: {
          title: "Budget participatif 2026",
          description: "Un million d'euros pour les projets des habitantes et habitants.",
          totalBudgetCents: 1_000_000 * EUR,
          projectCapCents: 100_000 * EUR,
          submissionStartsAt: iso(now - 1000),
          submissionEndsAt: schedule.submissionEndsAt,
          votingStartsAt: schedule.submissionEndsAt,
          votingEndsAt: schedule.votingEndsAt,
          ballot: { style: "APPROVAL", maxProjects: 2 },
          envelopes: [
            { label: "Toute la ville", amountCents: 120_000 * EUR },
            {
              label: "Neudorf",
              quartierId: neudorf,
              amountCents: 150_000 * EUR,
              ballot: { style: "KNAPSACK", minimumSharePercent: 40 },
            },
          ],
        },
      },
      token.agent,
    );
    campaignId = created.createBudgetCampaign.campaign.id;
    [cityEnvelope, neudorfEnvelope] = created.createBudgetCampaign.campaign.envelopes.map((e) => e.id) as [
      string,
      string,
    ];
  });
  afterAll(() => platform?.close());

  const counts = async () =>
    (
      await ok<{
        budgetCampaign: {
          phase: string;
          projectCount: number;
          ballotCount: number;
          ballotLedger: { head: { size: number; total: number; rootHash: string } };
        };
      }>(platform, COUNTS, { id: campaignId })
    ).budgetCampaign;

  const submit = async (input: Record<string, unknown>, who: string) =>
    (
      await ok<{ submitBudgetProject: Record<string, unknown> }>(
        platform,
        SUBMIT,
        { input: { campaignId, ...input } },
        token[who],
      )
    ).submitBudgetProject;

  const review = async (input: Record<string, unknown>, who = "agent") =>
    (await ok<{ reviewBudgetProject: Record<string, unknown> }>(platform, REVIEW, { input }, token[who]))
      .reviewBudgetProject;

  const advance = async (to: string, who = "agent") =>
    (
      await ok<{ advanceBudgetPhase: Record<string, unknown> }>(
        platform,
        ADVANCE,
        { campaignId, to },
        token[who],
      )
    ).advanceBudgetPhase;

  const text = (title: string) => ({
    title,
    description: `${title} : un projet proposé par des habitants, décrit assez longuement pour être étudié.`,
  });

  it("lets residents submit projects, and gives every bad submission a typed result that changes nothing", async () => {
    const created = async (input: Record<string, unknown>, who: string) => {
      const result = await submit(input, who);
      expect(result.__typename).toBe("BudgetProjectSubmitted");
      return (result.project as { id: string }).id;
    };
    p.cycle = await created(
      {
        ...text("Pistes cyclables rue du Jura"),
        estimatedCostCents: 80_000 * EUR,
        location: { lat: 48.57, lon: 7.76 },
      },
      "resident",
    );
    p.benches = await created(
      { ...text("Bancs au parc de la Citadelle"), estimatedCostCents: 50_000 * EUR },
      "moderator",
    );
    p.fountain = await created({ ...text("Fontaines à boire"), estimatedCostCents: 30_000 * EUR }, "admin");
    const byResident = async (input: Record<string, unknown>) => {
      const data = await direct<{
        submitBudgetProject: { __typename: string; project: { id: string; envelope: { id: string } } };
      }>(platform, server, resident(), SUBMIT, { input: { campaignId, ...input } });
      expect(data.submitBudgetProject.__typename).toBe("BudgetProjectSubmitted");
      return data.submitBudgetProject.project;
    };
    const garden = await byResident({
      ...text("Jardin partagé du Schluthfeld"),
      quartierId: neudorf,
      estimatedCostCents: 60_000 * EUR,
    });
    expect(garden.envelope.id).toBe(neudorfEnvelope);
    p.garden = garden.id;
    p.playground = (
      await byResident({
        ...text("Aire de jeux de la Musau"),
        quartierId: neudorf,
        estimatedCostCents: 50_000 * EUR,
      })
    ).id;
    p.trees = (
      await byResident({
        ...text("Arbres rue de Lunéville"),
        quartierId: neudorf,
        estimatedCostCents: 45_000 * EUR,
      })
    ).id;
    p.cycleDuplicate = (
      await byResident({ ...text("Des pistes cyclables rue du Jura"), estimatedCostCents: 70_000 * EUR })
    ).id;
    p.tram = (
      await byResident({ ...text("Une nouvelle ligne de tram"), estimatedCostCents: 95_000 * EUR })
    ).id;
    p.statue = (
      await byResident({ ...text("Une statue en or massif"), estimatedCostCents: 20_000 * EUR })
    ).id;
    expect(
      (await byResident({ ...text("Jardin du Port du Rhin"), quartierId: neudorf, estimatedCostCents: 1 }))
        .envelope.id,
    ).toBe(neudorfEnvelope);
    const before = await counts();
    expect(before.projectCount).toBe(10);

    // Every refusal is a typed result, and none of them adds a project.
    const visitor = await submit(
      { ...text("Un projet de visiteur"), estimatedCostCents: 1_000 * EUR },
      "visitor",
    );
    expect(visitor).toMatchObject({
      __typename: "NotEligible",
      reasons: ["NOT_RESIDENT", "PACT_NOT_SIGNED", "AGE_UNKNOWN"],
    });
    expect(await submit({ ...text("Un coût négatif"), estimatedCostCents: -5 }, "resident")).toMatchObject({
      __typename: "InvalidCost",
      givenCents: -5,
    });
    expect(await submit({ ...text("Un coût nul"), estimatedCostCents: 0 }, "resident")).toMatchObject({
      __typename: "InvalidCost",
    });
    expect(
      await submit({ ...text("Au-delà du plafond"), estimatedCostCents: 150_000 * EUR }, "resident"),
    ).toMatchObject({
      __typename: "OverProjectCap",
      capCents: 100_000 * EUR,
    });
    expect(
      await submit({ ...text("Un coût absurde"), estimatedCostCents: 2_000_000_000 }, "resident"),
    ).toMatchObject({
      __typename: "OverProjectCap",
    });
    expect(
      await submit(
        { ...text("Un projet à Paris"), estimatedCostCents: 100 * EUR, location: { lat: 48.85, lon: 2.35 } },
        "resident",
      ),
    ).toMatchObject({ __typename: "LocationOutsideEurometropole" });
    expect(
      await submit(
        { ...text("Un quartier inventé"), estimatedCostCents: 100 * EUR, quartierId: randomUUID() },
        "resident",
      ),
    ).toMatchObject({ __typename: "UnknownQuartier" });
    const input = { campaignId, ...text("Sans compte"), estimatedCostCents: 100 * EUR };
    expect(await errorCode(platform, SUBMIT, { input })).toBe("UNAUTHENTICATED");
    expect(await errorCode(platform, SUBMIT, { input }, token["ems-partner"])).toBe("FORBIDDEN");
    expect(await errorCode(platform, SUBMIT, { input: { ...input, title: "x" } }, token.resident)).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      await errorCode(
        platform,
        SUBMIT,
        { input: { ...input, links: ["javascript:alert(1)"] } },
        token.resident,
      ),
    ).toBe("BAD_USER_INPUT");
    expect((await counts()).projectCount).toBe(before.projectCount);

    // Staff actions wait for their phase; phases change one at a time, at their dates.
    expect(
      await review({ projectId: p.cycle, decision: "ADMISSIBLE", justification: "Conforme au règlement." }),
    ).toMatchObject({
      __typename: "WrongPhase",
      phase: "SUBMISSION",
    });
    expect(await advance("VOTING")).toMatchObject({
      __typename: "InvalidPhaseTransition",
      currentPhase: "SUBMISSION",
    });
    expect(await advance("ADMISSIBILITY")).toMatchObject({ __typename: "PhaseDateNotReached" });
    expect(await errorCode(platform, ADVANCE, { campaignId, to: "ADMISSIBILITY" }, token.resident)).toBe(
      "FORBIDDEN",
    );

    const mine = await ok<{ budgetProjects: { totalCount: number; edges: { node: { id: string } }[] } }>(
      platform,
      `query($campaignId: ID!) { budgetProjects(filter: { campaignId: $campaignId, mine: true }) { totalCount edges { node { id } } } }`,
      { campaignId },
      token.resident,
    );
    expect(mine.budgetProjects.edges.map(({ node }) => node.id)).toEqual([p.cycle]);
  });

  it("closes submissions at their date; staff examine admissibility and merge a duplicate", async () => {
    await waitUntil(schedule.submissionEndsAt);
    expect(await submit({ ...text("Trop tard"), estimatedCostCents: 100 * EUR }, "resident")).toMatchObject({
      __typename: "SubmissionClosed",
    });
    expect(
      (
        await ok<{ castBallot: CastResult }>(
          platform,
          CAST,
          { campaignId, projectIds: [p.cycle], key: randomUUID() },
          token.resident,
        )
      ).castBallot,
    ).toMatchObject({ __typename: "VotingClosed", phase: "SUBMISSION" });
    expect(await advance("ADMISSIBILITY")).toMatchObject({
      __typename: "BudgetPhaseAdvanced",
      campaign: { phase: "ADMISSIBILITY" },
    });

    const merged = await ok<{ mergeBudgetProjects: Record<string, unknown> }>(
      platform,
      `mutation($input: MergeBudgetProjectsInput!) { mergeBudgetProjects(input: $input) {
        __typename ... on BudgetProjectsMerged { duplicate { status mergedInto { id } } into { id mergedProjects { id } } } } }`,
      {
        input: {
          duplicateId: p.cycleDuplicate,
          intoId: p.cycle,
          justification: "Même projet que « Pistes cyclables rue du Jura ».",
        },
      },
      token.agent,
    );
    expect(merged.mergeBudgetProjects).toMatchObject({
      __typename: "BudgetProjectsMerged",
      duplicate: { status: "MERGED", mergedInto: { id: p.cycle } },
      into: { id: p.cycle, mergedProjects: [{ id: p.cycleDuplicate }] },
    });

    const justification = "Conforme au règlement du budget participatif.";
    for (const id of [p.cycle, p.benches, p.fountain, p.garden, p.playground, p.trees, p.tram]) {
      expect(
        await review({ projectId: id, decision: "ADMISSIBLE", justification, service: "MPC" }),
      ).toMatchObject({
        __typename: "BudgetProjectReviewed",
        project: { status: "ADMISSIBLE" },
      });
    }
    expect(
      await review({ projectId: p.statue, decision: "FEASIBLE", justification, costEstimateCents: 100 }),
    ).toMatchObject({
      __typename: "WrongPhase",
    });
    expect(await advance("FEASIBILITY")).toMatchObject({ __typename: "PhasePreconditionFailed" });
    expect(
      await review({
        projectId: p.statue,
        decision: "INADMISSIBLE",
        justification: "Hors des compétences de la Ville.",
        service: "MPC",
      }),
    ).toMatchObject({ project: { status: "INADMISSIBLE" } });
    expect(
      await review({ projectId: p.statue, decision: "ADMISSIBLE", justification, service: "MPC" }),
    ).toMatchObject({
      __typename: "InvalidTransition",
      currentStatus: "INADMISSIBLE",
    });
    // The tenth project (1 cent in Neudorf) is still unexamined.
    expect(await advance("FEASIBILITY")).toMatchObject({ __typename: "PhasePreconditionFailed" });
    const last = await ok<{ budgetProjects: { edges: { node: { id: string } }[] } }>(
      platform,
      `query($c: ID!) { budgetProjects(filter: { campaignId: $c, statuses: [SUBMITTED] }) { edges { node { id } } } }`,
      { c: campaignId },
    );
    expect(last.budgetProjects.edges).toHaveLength(1);
    const tiny = last.budgetProjects.edges[0]?.node.id as string;
    expect(
      await review({
        projectId: tiny,
        decision: "INADMISSIBLE",
        justification: "Projet incomplet.",
        service: "MPC",
      }),
    ).toMatchObject({ project: { status: "INADMISSIBLE" } });

    expect(await advance("FEASIBILITY")).toMatchObject({ __typename: "BudgetPhaseAdvanced" });
    const history = await ok<{
      budgetProject: { status: string; statusHistory: { project: { id: string }; to: string }[] };
    }>(
      platform,
      `query($id: ID!) { budgetProject(id: $id) { status statusHistory { project { id } from to reason } } }`,
      { id: p.cycle },
    );
    expect(history.budgetProject.status).toBe("UNDER_STUDY");
    // Both histories: the kept project's, and its duplicate's (submitted, then merged).
    expect(
      history.budgetProject.statusHistory.map((change) => [
        change.project.id === p.cycle ? "kept" : "duplicate",
        change.to,
      ]),
    ).toEqual([
      ["kept", "SUBMITTED"],
      ["duplicate", "SUBMITTED"],
      ["duplicate", "MERGED"],
      ["kept", "ADMISSIBLE"],
      ["kept", "UNDER_STUDY"],
    ]);
  }, 90_000);

  it("has the services study feasibility with their own estimates", async () => {
    const feasible = async (id: string, euros: number) =>
      expect(
        await review({
          projectId: id,
          decision: "FEASIBLE",
          justification: "Réalisable sur l'espace public, chiffré par le service.",
          costEstimateCents: euros * EUR,
          internalNote: "Chiffrage interne : devis du marché à bons de commande.",
        }),
      ).toMatchObject({
        __typename: "BudgetProjectReviewed",
        project: { status: "FEASIBLE", costCents: euros * EUR },
      });
    // The service's estimate replaces the author's (80 000 €) on the ballot.
    await feasible(p.cycle, 90_000);
    expect(
      await review({
        projectId: p.tram,
        decision: "FEASIBLE",
        justification: "Chiffré.",
        costEstimateCents: 400_000 * EUR,
      }),
    ).toMatchObject({ __typename: "OverProjectCap", capCents: 100_000 * EUR });
    expect(
      await review({ projectId: p.tram, decision: "FEASIBLE", justification: "Sans chiffrage." }),
    ).toMatchObject({
      __typename: "InvalidCost",
    });
    expect(
      await review({
        projectId: p.tram,
        decision: "FEASIBLE",
        justification: "Chiffré.",
        costEstimateCents: -1,
      }),
    ).toMatchObject({ __typename: "InvalidCost" });
    expect(
      await review({
        projectId: p.tram,
        decision: "NOT_FEASIBLE",
        justification: "Une ligne de tram coûte des dizaines de millions.",
      }),
    ).toMatchObject({ project: { status: "NOT_FEASIBLE" } });
    expect(await advance("VOTING")).toMatchObject({ __typename: "PhasePreconditionFailed" });
    await feasible(p.benches, 50_000);
    await feasible(p.fountain, 30_000);
    await feasible(p.garden, 60_000);
    await feasible(p.playground, 50_000);
    await feasible(p.trees, 45_000);

    const REVIEWS = `query($id: ID!) { budgetProject(id: $id) { reviews { kind decision service justification costEstimateCents internalNote } } }`;
    const asStaff = await ok<{ budgetProject: { reviews: Record<string, unknown>[] } }>(
      platform,
      REVIEWS,
      { id: p.cycle },
      token.agent,
    );
    expect(asStaff.budgetProject.reviews).toEqual([
      expect.objectContaining({ kind: "ADMISSIBILITY", decision: "ADMISSIBLE", service: "MPC" }),
      expect.objectContaining({
        kind: "FEASIBILITY",
        decision: "FEASIBLE",
        service: "DMEPN",
        costEstimateCents: 90_000 * EUR,
        internalNote: "Chiffrage interne : devis du marché à bons de commande.",
      }),
    ]);
    // The justification is public; the internal note and the reviewer are for staff only.
    const asCitizen = await platform.graphql(REVIEWS, { id: p.cycle }, { token: token.resident });
    expect(asCitizen.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const publicView = await ok<{ budgetProject: { reviews: { justification: string }[] } }>(
      platform,
      `query($id: ID!) { budgetProject(id: $id) { reviews { service justification } } }`,
      { id: p.cycle },
    );
    expect(publicView.budgetProject.reviews[1]?.justification).toMatch(/Réalisable/);
    expect(
      (
        await platform.graphql(`query($id: ID!) { budgetProject(id: $id) { reviews { reviewer { id } } } }`, {
          id: p.cycle,
        })
      ).body.errors?.[0]?.extensions?.code,
    ).toBe("UNAUTHENTICATED");

    expect(await advance("VOTING")).toMatchObject({
      __typename: "BudgetPhaseAdvanced",
      campaign: { phase: "VOTING" },
    });
  });

  let residentBallot: { id: string; ledgerIndex: number; ledgerToken: string };
  /** Every counted ballot's final selection, as the voters made them: the expected votes follow from it. */
  let expectedBallots: string[][] = [];

  it("lets residents vote under each ballot style, refusing every bad ballot with a typed result", async () => {
    const vote = async (projectIds: string[], key = randomUUID(), who = "resident") =>
      (await ok<{ castBallot: CastResult }>(platform, CAST, { campaignId, projectIds, key }, token[who]))
        .castBallot;

    // Twenty residents vote at once, each signed directly at the subgraph: city approvals, Neudorf budgets.
    const plans: [number, string[]][] = [
      [5, [p.cycle, p.benches, p.garden, p.playground]],
      [3, [p.benches, p.fountain, p.trees, p.playground]],
      [2, [p.cycle, p.fountain]],
      [1, [p.garden]],
    ];
    const ballots = plans.flatMap(([times, ids]) => Array.from({ length: times }, () => ids));
    const cast = await Promise.all(
      ballots.map((ids) => castDirect(platform, server, resident(), campaignId, ids)),
    );
    expect(cast.map((result) => result.__typename)).toEqual(ballots.map(() => "BallotCast"));

    // The signed-in resident votes through the gateway, then changes their mind (the campaign allows it).
    const key = randomUUID();
    const first = await vote([p.cycle, p.trees, p.garden], key);
    expect(first).toMatchObject({
      __typename: "BallotCast",
      replayed: false,
      ballot: { revision: 1, totalCostCents: 195_000 * EUR },
    });
    expect(await vote([p.cycle, p.trees, p.garden], key)).toMatchObject({
      replayed: true,
      ballot: { revision: 1 },
    });
    const second = await vote([p.benches, p.garden, p.trees]);
    expect(second).toMatchObject({ __typename: "BallotCast", replayed: false, ballot: { revision: 2 } });
    // A late retry of the first request is a replay: it does not bring the first selection back.
    expect(await vote([p.cycle, p.trees, p.garden], key)).toMatchObject({
      replayed: true,
      ballot: { revision: 2 },
    });
    expect(await vote([p.cycle], key)).toMatchObject({ __typename: "IdempotencyKeyReused" });
    residentBallot = second.ballot as typeof residentBallot;

    const before = await counts();
    expect(before.ballotCount).toBe(ballots.length + 1);
    expect(before.ballotLedger.head).toMatchObject({ size: ballots.length + 2, total: ballots.length + 1 });

    const refused: [string[], Record<string, unknown>][] = [
      [
        [p.cycle, p.benches, p.fountain],
        { __typename: "TooManyProjects", envelopeId: cityEnvelope, maxProjects: 2, chosen: 3 },
      ],
      [
        [p.garden, p.playground, p.trees],
        { __typename: "OverBudget", amountCents: 150_000 * EUR, totalCostCents: 155_000 * EUR },
      ],
      [
        [p.trees],
        { __typename: "BelowMinimumShare", minimumCents: 60_000 * EUR, totalCostCents: 45_000 * EUR },
      ],
      [[p.cycle, p.cycle], { __typename: "DuplicateProjects", projectIds: [p.cycle] }],
      [[p.cycle, p.tram], { __typename: "IneligibleProjects", projectIds: [p.tram] }],
      [[p.statue], { __typename: "IneligibleProjects" }],
      [[p.cycleDuplicate], { __typename: "IneligibleProjects" }],
      [[p.fountain, randomUUID()], { __typename: "UnknownProjects" }],
      [[], { __typename: "EmptyBallot" }],
    ];
    for (const [ids, expected] of refused)
      expect(await vote(ids, randomUUID(), "moderator")).toMatchObject(expected);
    expect(await vote([p.fountain], randomUUID(), "visitor")).toMatchObject({
      __typename: "NotEligible",
      reasons: ["NOT_RESIDENT", "PACT_NOT_SIGNED", "AGE_UNKNOWN"],
    });
    expect(await vote([p.fountain], randomUUID(), "agent")).toMatchObject({ __typename: "NotEligible" });
    const minor = resident({ ageBand: "under_16" });
    expect(await castDirect(platform, server, minor, campaignId, [p.fountain])).toMatchObject({
      __typename: "NotEligible",
      reasons: ["TOO_YOUNG"],
    });
    const args = { campaignId, projectIds: [p.fountain], key: randomUUID() };
    expect(await errorCode(platform, CAST, args)).toBe("UNAUTHENTICATED");
    expect(await errorCode(platform, CAST, args, token["ems-partner"])).toBe("FORBIDDEN");
    expect(await errorCode(platform, CAST, { ...args, projectIds: ["not-a-uuid"] }, token.moderator)).toBe(
      "BAD_USER_INPUT",
    );
    expect(await errorCode(platform, CAST, { ...args, key: "short" }, token.moderator)).toBe(
      "BAD_USER_INPUT",
    );
    expect(await errorCode(platform, CAST, { ...args, campaignId: randomUUID() }, token.moderator)).toBe(
      "NOT_FOUND",
    );

    const after = await counts();
    expect(after.ballotCount).toBe(before.ballotCount);
    expect(after.ballotLedger.head).toEqual(before.ballotLedger.head);

    // The same person twice at once, with two keys: one ballot, cast then replaced (changes are allowed here).
    const twice = resident();
    const [a, b] = await Promise.all([
      castDirect(platform, server, twice, campaignId, [p.fountain, p.garden]),
      castDirect(platform, server, twice, campaignId, [p.benches, p.garden]),
    ]);
    expect([a, b].map((result) => result.__typename)).toEqual(["BallotCast", "BallotCast"]);
    expect([a, b].map((result) => (result.ballot as { id: string }).id)).toEqual([
      (a.ballot as { id: string }).id,
      (a.ballot as { id: string }).id,
    ]);
    expect([a, b].map((result) => (result.ballot as { revision: number }).revision).sort()).toEqual([1, 2]);
    expect((await counts()).ballotCount).toBe(before.ballotCount + 1);
    // That voter's final ballot is whichever request came second: note it for the expected totals.
    const finalOfTwice = (
      ((a.ballot as { revision: number }).revision === 2 ? a : b).ballot as { projects: { id: string }[] }
    ).projects.map((project) => project.id);
    ballots.push(finalOfTwice, [p.benches, p.garden, p.trees]);
    expectedBallots = ballots;

    const mine = await ok<{ myBallot: { id: string; revision: number; projects: { id: string }[] } }>(
      platform,
      `query($c: ID!) { myBallot(campaignId: $c) { id revision projects { id } } }`,
      { c: campaignId },
      token.resident,
    );
    expect(mine.myBallot).toMatchObject({ id: residentBallot.id, revision: 2 });
    expect(mine.myBallot.projects.map((project) => project.id).sort()).toEqual(
      [p.benches, p.garden, p.trees].sort(),
    );
    const none = await ok<{ myBallot: null }>(
      platform,
      `query($c: ID!) { myBallot(campaignId: $c) { id } }`,
      { c: campaignId },
      token.admin,
    );
    expect(none.myBallot).toBeNull();
  });

  it("publishes results computed from the ballots, recomputable by anyone from the public ledger", async () => {
    await waitUntil(schedule.votingEndsAt);
    expect(
      (
        await ok<{ castBallot: CastResult }>(
          platform,
          CAST,
          { campaignId, projectIds: [p.fountain], key: randomUUID() },
          token.moderator,
        )
      ).castBallot,
    ).toMatchObject({ __typename: "VotingClosed" });
    expect(await advance("RESULTS")).toMatchObject({
      __typename: "BudgetPhaseAdvanced",
      campaign: { phase: "RESULTS" },
    });

    const RESULTS = `query($c: ID!) { budgetResults(campaignId: $c) { ballotCount ledgerSize ledgerRootHash tieRule
      envelopes { envelope { id } allocatedCents remainingCents projects { project { id status } votes rank selected reason } } } }`;
    type Results = {
      budgetResults: {
        ballotCount: number;
        ledgerSize: number;
        ledgerRootHash: string;
        tieRule: string;
        envelopes: {
          envelope: { id: string };
          allocatedCents: number;
          remainingCents: number;
          projects: {
            project: { id: string; status: string };
            votes: number;
            rank: number;
            selected: boolean;
            reason: string;
          }[];
        }[];
      };
    };
    const { budgetResults } = await ok<Results>(platform, RESULTS, { c: campaignId });
    const votes = (id: string) => expectedBallots.filter((ballot) => ballot.includes(id)).length;
    expect(budgetResults.ballotCount).toBe(expectedBallots.length);
    expect(budgetResults.tieRule).toMatch(/moins coûteux/);
    const [city, quartier] = budgetResults.envelopes;
    const row = (id: string) =>
      [...(city?.projects ?? []), ...(quartier?.projects ?? [])].find((entry) => entry.project.id === id);
    for (const id of [p.cycle, p.benches, p.fountain, p.garden, p.playground, p.trees])
      expect(row(id)?.votes).toBe(votes(id));

    // City-wide (120 000 €): ranked by votes, filled in order, skipping what no longer fits.
    expect(city?.envelope.id).toBe(cityEnvelope);
    expect(votes(p.benches)).toBeGreaterThan(votes(p.cycle));
    expect(votes(p.cycle)).toBeGreaterThan(votes(p.fountain));
    expect(
      city?.projects.map((entry) => [entry.project.id, entry.rank, entry.reason, entry.project.status]),
    ).toEqual([
      [p.benches, 1, "SELECTED", "SELECTED"],
      [p.cycle, 2, "DID_NOT_FIT", "NOT_SELECTED"],
      [p.fountain, 3, "SELECTED", "SELECTED"],
    ]);
    expect(city).toMatchObject({ allocatedCents: 80_000 * EUR, remainingCents: 40_000 * EUR });
    // Neudorf (150 000 €): the garden and the playground tie on votes; the cheaper playground ranks first (the
    // published tie rule). Both fit (110 000 €); the trees (45 000 €) no longer do.
    expect(votes(p.garden)).toBe(votes(p.playground));
    expect(quartier?.projects.map((entry) => [entry.project.id, entry.rank, entry.reason])).toEqual([
      [p.playground, 1, "SELECTED"],
      [p.garden, 2, "SELECTED"],
      [p.trees, 3, "DID_NOT_FIT"],
    ]);
    expect(quartier).toMatchObject({ allocatedCents: 110_000 * EUR, remainingCents: 40_000 * EUR });

    // Anyone can download the ledger, check it and recount it: the same results.
    const report = await recountCampaign({ url: platform.url, campaignId });
    expect(report.verification.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.recount.differences).toEqual([]);
    expect(report.ok).toBe(true);
    const head = (await counts()).ballotLedger.head;
    expect(budgetResults).toMatchObject({ ledgerSize: head.size, ledgerRootHash: head.rootHash });

    // A voter proves their ballot is in the tree the results were computed from.
    const proof = await ok<{
      budgetCampaign: {
        ballotLedger: {
          inclusionProof: { entry: string; auditPath: string[]; rootHash: string; treeSize: number };
        };
      };
    }>(
      platform,
      `query($c: ID!, $i: Int!) { budgetCampaign(id: $c) { ballotLedger { inclusionProof(index: $i) { entry auditPath rootHash treeSize } } } }`,
      { c: campaignId, i: residentBallot.ledgerIndex },
    );
    const { inclusionProof } = proof.budgetCampaign.ballotLedger;
    expect(JSON.parse(inclusionProof.entry)).toMatchObject({
      kind: "ballot.replaced",
      token: residentBallot.ledgerToken,
    });
    expect(
      verifyInclusion(
        residentBallot.ledgerIndex,
        inclusionProof.treeSize,
        leafHash(inclusionProof.entry),
        inclusionProof.auditPath.map(fromHex),
        fromHex(head.rootHash),
      ),
    ).toBe(true);
    // The entries name no one: a random token, the selection and its revision.
    expect(Object.keys(JSON.parse(inclusionProof.entry)).sort()).toEqual([
      "at",
      "data",
      "delta",
      "kind",
      "token",
      "v",
    ]);

    // Nobody alters a ballot, staff and database administrators' mistakes included.
    await expect(
      platform.db.query("UPDATE budget.ballot SET project_ids = '{}' WHERE campaign_id = $1", [campaignId]),
    ).rejects.toThrow(/cannot|only/);
    await expect(
      platform.db.query("DELETE FROM budget.ballot WHERE campaign_id = $1", [campaignId]),
    ).rejects.toThrow(/cannot be deleted/);

    const events = await platform.db.query<{ type: string; n: number }>(
      `SELECT type, count(*)::int AS n FROM budget.outbox_event WHERE subject = $1 GROUP BY type ORDER BY type`,
      [`budget_campaign:${campaignId}`],
    );
    expect(events).toEqual([
      { type: "budget.phase_changed", n: 5 },
      { type: "budget.results_published", n: 1 },
    ]);
    expect(await advance("RESULTS")).toMatchObject({
      __typename: "InvalidPhaseTransition",
      currentPhase: "RESULTS",
    });
  }, 90_000);

  it("follows up the winning projects", async () => {
    const FOLLOW = `mutation($input: FollowUpBudgetProjectInput!) { followUpBudgetProject(input: $input) {
      __typename ... on BudgetProjectFollowedUp { project { status followUp { progressPercent finalCostCents
        milestones { id title dueOn reachedOn } notes { body } } } } ... on Problem { message } } }`;
    const follow = async (input: Record<string, unknown>, who = "agent") =>
      (await ok<{ followUpBudgetProject: Record<string, unknown> }>(platform, FOLLOW, { input }, token[who]))
        .followUpBudgetProject;

    expect(await follow({ projectId: p.benches, status: "IN_PROGRESS" })).toMatchObject({
      __typename: "WrongPhase",
    });
    expect(await advance("IMPLEMENTATION")).toMatchObject({ campaign: { phase: "IMPLEMENTATION" } });

    const started = await follow({
      projectId: p.benches,
      status: "IN_PROGRESS",
      progressPercent: 40,
      note: "Les bancs sont commandés.",
      milestone: { title: "Pose des bancs", dueOn: "2027-04-15" },
    });
    expect(started).toMatchObject({
      __typename: "BudgetProjectFollowedUp",
      project: {
        status: "IN_PROGRESS",
        followUp: {
          progressPercent: 40,
          milestones: [{ title: "Pose des bancs", dueOn: "2027-04-15", reachedOn: null }],
        },
      },
    });
    const milestoneId = (
      (started.project as { followUp: { milestones: { id: string }[] } }).followUp.milestones[0] as {
        id: string;
      }
    ).id;
    expect(await follow({ projectId: p.benches, progressPercent: 150 })).toMatchObject({
      __typename: "InvalidProgress",
    });
    expect(await follow({ projectId: p.benches, status: "COMPLETED" })).toMatchObject({
      __typename: "InvalidCost",
    });
    expect(await follow({ projectId: p.benches, finalCostCents: -1 })).toMatchObject({
      __typename: "InvalidCost",
    });
    expect(await follow({ projectId: p.cycle, status: "IN_PROGRESS" })).toMatchObject({
      __typename: "InvalidTransition",
    });
    expect(
      await follow({ projectId: p.benches, milestoneReached: { id: randomUUID(), reachedOn: "2027-04-10" } }),
    ).toMatchObject({
      __typename: "UnknownMilestone",
    });
    expect(
      await errorCode(
        platform,
        FOLLOW,
        { input: { projectId: p.benches, progressPercent: 50 } },
        token.resident,
      ),
    ).toBe("FORBIDDEN");
    const done = await follow({
      projectId: p.benches,
      status: "COMPLETED",
      finalCostCents: 48_500 * EUR,
      note: "Les bancs sont posés.",
      milestoneReached: { id: milestoneId, reachedOn: "2027-04-10" },
    });
    expect(done).toMatchObject({
      project: {
        status: "COMPLETED",
        followUp: {
          progressPercent: 100,
          finalCostCents: 48_500 * EUR,
          milestones: [{ reachedOn: "2027-04-10" }],
          notes: [{ body: "Les bancs sont commandés." }, { body: "Les bancs sont posés." }],
        },
      },
    });
    expect(await follow({ projectId: p.benches, status: "IN_PROGRESS" })).toMatchObject({
      __typename: "InvalidTransition",
    });
    expect(
      await follow({
        projectId: p.fountain,
        status: "SUSPENDED",
        note: "Chantier reporté : travaux de réseau.",
      }),
    ).toMatchObject({
      project: { status: "SUSPENDED" },
    });

    // Everyone sees the follow-up, with the quartier and the author resolved by the other subgraphs.
    const publicView = await ok<{ budgetProject: Record<string, unknown> }>(
      platform,
      `query($id: ID!) { budgetProject(id: $id) { status quartier { name } author { id } followUp { progressPercent notes { body } } } }`,
      { id: p.garden },
    );
    expect(publicView.budgetProject).toMatchObject({
      status: "SELECTED",
      quartier: { name: expect.stringMatching(/Neudorf/) },
    });
  });

  it("exports what it holds about a person, with the rest of the platform", async () => {
    const exported = await ok<{
      exportMyData: {
        __typename: string;
        accountId: string;
        budget: Record<string, { id?: string; projectIds?: string[]; campaign?: string }[]>;
      };
    }>(
      platform,
      "mutation { exportMyData { __typename ... on PersonalDataExport { accountId budget } } }",
      {},
      token.resident,
    );
    const { budget } = exported.exportMyData;
    expect(budget.projects?.map((project) => project.id)).toEqual([p.cycle]);
    expect(budget.ballots).toHaveLength(1);
    expect(budget.ballots?.[0]).toMatchObject({
      campaign: "Budget participatif 2026",
      revision: 2,
      id: residentBallot.id,
    });
    expect(budget.ballots?.[0]?.projectIds?.sort()).toEqual([p.benches, p.garden, p.trees].sort());
    expect(JSON.stringify(budget)).not.toMatch(/voterKey/);
    // Another person's export part cannot be fetched by naming their account.
    const other = await callSubgraph(
      server,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on PersonalDataExport { budget } } }`,
      { r: [{ __typename: "PersonalDataExport", accountId: exported.exportMyData.accountId }] },
      { caller: resident(), secret: platform.config.CALLER_SIGNING_SECRET },
    );
    expect(other.body.data?._entities).toEqual([null]);
  });

  it("erases a voter's link to their ballot while keeping it counted", async () => {
    const me = await ok<{ me: { id: string } }>(platform, "{ me { id } }", {}, token.resident);
    const ERASE = `mutation($a: ID!) { _eraseAccountData(accountId: $a) { subgraph erased pseudonymised } }`;
    const citizenTry = await platform.graphql(ERASE, { a: me.me.id }, { token: token.admin });
    expect(citizenTry.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const before = await counts();
    const erased = await direct<{ _eraseAccountData: { subgraph: string; pseudonymised: number } }>(
      platform,
      server,
      SYSTEM,
      ERASE,
      {
        a: me.me.id,
      },
    );
    // Their ballot, their project, their submission in its history.
    expect(erased._eraseAccountData).toMatchObject({ subgraph: "budget", pseudonymised: 3 });
    const after = await ok<{ myBallot: null; budgetProject: { author: null } }>(
      platform,
      `query($c: ID!, $p: ID!) { myBallot(campaignId: $c) { id } budgetProject(id: $p) { author { id } } }`,
      { c: campaignId, p: p.cycle },
      token.resident,
    );
    expect(after).toEqual({ myBallot: null, budgetProject: { author: null } });
    expect(await counts()).toEqual(before);
    expect((await recountCampaign({ url: platform.url, campaignId })).ok).toBe(true);
  });

  it("cuts every voter link once the retention period after the vote is over, keeping the count", async () => {
    const RETENTION = "mutation { _applyRetention { subgraph rule removed } }";
    const attached = async () =>
      (
        await platform.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM budget.ballot WHERE campaign_id = $1 AND erased_at IS NULL",
          [campaignId],
        )
      )[0]?.n;
    const before = await counts();
    expect(await attached()).toBe(before.ballotCount - 1);
    const applied = await direct<{ _applyRetention: { rule: string; removed: number }[] }>(
      platform,
      server,
      SYSTEM,
      RETENTION,
      {},
    );
    expect(applied._applyRetention).toEqual([
      { subgraph: "budget", rule: "ballot_voter_links_0_days_after_vote", removed: before.ballotCount - 1 },
    ]);
    expect(await attached()).toBe(0);
    expect(
      (await direct<{ _applyRetention: { removed: number }[] }>(platform, server, SYSTEM, RETENTION, {}))
        ._applyRetention[0]?.removed,
    ).toBe(0);
    expect(await counts()).toEqual(before);
    expect((await recountCampaign({ url: platform.url, campaignId })).ok).toBe(true);
    const asCitizen = await callSubgraph(
      server,
      RETENTION,
      {},
      { caller: resident(), secret: platform.config.CALLER_SIGNING_SECRET },
    );
    expect(asCitizen.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
