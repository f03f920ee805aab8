// BudgetStore on Prisma, composed of one store per aggregate (prismaCampaignStore, prismaProjectStore,
// prismaBallotStore, prismaResultStore, prismaAccountData). Reads for loaders are one statement per batch;
// commands run in one interactive transaction where locks are taken with raw SQL (FOR SHARE / FOR UPDATE), always
// campaign first, then projects in id order, so concurrent commands never deadlock.
import { recordEvents } from "../../../platform/outbox.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { BudgetStore, BudgetTx } from "../ports/budgetStore.ts";
import { accountDataStore } from "./prismaAccountData.ts";
import { ballotReads, ballotTx, type FactsCache } from "./prismaBallotStore.ts";
import { campaignReads, campaignTx } from "./prismaCampaignStore.ts";
import { projectReads, projectTx } from "./prismaProjectStore.ts";
import { resultReads, resultTx } from "./prismaResultStore.ts";
import { TRANSACTION_OPTIONS, type Tx } from "./prismaTx.ts";
import { semaphore } from "./semaphore.ts";

function budgetTx(tx: Tx, facts: FactsCache): BudgetTx {
  return {
    ...campaignTx(tx),
    ...projectTx(tx),
    ...ballotTx(tx, facts),
    ...resultTx(tx),
    async recordEvents(events) {
      if (events.length > 0) await recordEvents(tx, "budget", events);
    },
  };
}

/**
 * `concurrency`: how many write transactions run at once (the others wait in order, see semaphore.ts). One on
 * PGlite, whose single connection serialises them anyway; a little less than the pool on PostgreSQL, so that
 * reads still find a connection during a burst of ballots.
 */
export function prismaBudgetStore(prisma: PrismaClient, options: { concurrency: number }): BudgetStore {
  const facts: FactsCache = new Map();
  const limited = semaphore(Math.max(1, options.concurrency));
  return {
    transaction: (fn) =>
      limited(() => prisma.$transaction((tx) => fn(budgetTx(tx, facts)), TRANSACTION_OPTIONS)),
    ...campaignReads(prisma),
    ...projectReads(prisma),
    ...ballotReads(prisma),
    ...resultReads(prisma),
    ...accountDataStore(prisma, limited),
  };
}
