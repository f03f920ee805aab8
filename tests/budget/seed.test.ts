// The demo data of the participatory budget: two editions built through the domain's own commands, consistent
// with its public ledger, and a seed that can run again without changing anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import { readHead } from "../../platform/ledger/index.ts";
import { createLogger } from "../../platform/logger.ts";
import { decodeBallotEntry, ledgerEntries } from "../../subgraphs/budget/adapters/ballotLedgerStore.ts";
import { latestSelections } from "../../subgraphs/budget/domain/ledgerTally.ts";
import { DEMO_2025, DEMO_2026, DEMO_VOTING, seedBudget } from "../../subgraphs/budget/seed.ts";

const log = createLogger({ level: "silent" });

describe("seedBudget", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: true });
  });
  afterAll(() => db?.close());

  const snapshot = async () => ({
    campaigns: await db.prisma.budgetCampaign.findMany({ orderBy: { title: "asc" } }),
    projects: await db.prisma.budgetProject.count(),
    ballots: await db.prisma.budgetBallot.count(),
    entries: await db.prisma.budgetLedgerEntry.count(),
    events: await db.prisma.budgetOutboxEvent.count(),
  });

  it("creates a finished 2025 edition, a 2026 edition open for submissions and one open for voting, and changes nothing when run again", async () => {
    await seedBudget(db, log);
    const first = await snapshot();
    expect(first.campaigns.map((campaign) => [campaign.title, campaign.phase])).toEqual([
      [DEMO_2025, "implementation"],
      [DEMO_2026, "submission"],
      [DEMO_VOTING, "voting"],
    ]);
    expect(first.ballots).toBe(240 + 30);
    await seedBudget(db, log);
    expect(await snapshot()).toEqual(first);
  }, 120_000);

  it("publishes 2025 results that the ledger's ballots reproduce, with winners followed up", async () => {
    const campaign = await db.prisma.budgetCampaign.findFirstOrThrow({ where: { title: DEMO_2025 } });
    expect(campaign.resultsBallotCount).toBe(240);
    const entries = (await ledgerEntries(db.prisma, campaign.id)).map((row) =>
      decodeBallotEntry(row.entry, campaign.id),
    );
    const selections = latestSelections(entries);
    expect(selections).toHaveLength(240);
    const results = await db.prisma.budgetResult.findMany({ where: { campaignId: campaign.id } });
    for (const result of results) {
      expect(result.votes).toBe(selections.filter((ids) => ids.includes(result.projectId)).length);
    }
    const statuses = await db.prisma.budgetProject.groupBy({
      by: ["status"],
      where: { campaignId: campaign.id },
      _count: true,
    });
    const byStatus = Object.fromEntries(statuses.map((group) => [group.status, group._count]));
    expect(byStatus).toMatchObject({ merged: 1, inadmissible: 1, not_feasible: 1 });
    expect((byStatus.completed ?? 0) + (byStatus.in_progress ?? 0)).toBe(
      results.filter((result) => result.selected).length,
    );
    expect(byStatus.completed).toBeGreaterThan(0);
  });

  it("dates each ledger head by its last ballot: the 2025 head precedes the publication of the results", async () => {
    const campaign = await db.prisma.budgetCampaign.findFirstOrThrow({ where: { title: DEMO_2025 } });
    const head = await readHead(db.prisma, "budget", `budget:campaign:${campaign.id}`);
    expect(head.size).toBeGreaterThanOrEqual(240);
    expect(campaign.resultsPublishedAt).not.toBeNull();
    expect(new Date(head.timestamp as string).getTime()).toBeLessThanOrEqual(
      (campaign.resultsPublishedAt as Date).getTime(),
    );
    expect(new Date(head.timestamp as string).getTime()).toBeLessThanOrEqual(campaign.votingEndsAt.getTime());
  });

  it("opens the climate edition for voting with feasible projects on the ballot", async () => {
    const campaign = await db.prisma.budgetCampaign.findFirstOrThrow({ where: { title: DEMO_VOTING } });
    expect(campaign.votingStartsAt.getTime()).toBeLessThan(Date.now());
    expect(campaign.votingEndsAt.getTime()).toBeGreaterThan(Date.now());
    expect(
      await db.prisma.budgetProject.count({ where: { campaignId: campaign.id, status: "feasible" } }),
    ).toBe(4);
    expect(await db.prisma.budgetBallot.count({ where: { campaignId: campaign.id } })).toBe(30);
  });
});
