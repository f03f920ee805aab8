// What the budget subgraph needs from storage, one port per aggregate (campaignStore, projectStore, ballotStore,
// resultStore, accountDataStore), implemented on Prisma in adapters/. Commands that change anything run inside
// `transaction`, whose BudgetTx spans the aggregates and also appends to the ballot ledger and the outbox: all or
// nothing.
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { AccountDataStore } from "./accountDataStore.ts";
import type { BallotReads, BallotTx } from "./ballotStore.ts";
import type { CampaignReads, CampaignTx } from "./campaignStore.ts";
import type { ProjectReads, ProjectTx } from "./projectStore.ts";
import type { ResultReads, ResultTx } from "./resultStore.ts";

export interface EventTx {
  recordEvents(events: readonly DomainEvent[]): Promise<void>;
}

export type BudgetTx = CampaignTx & ProjectTx & BallotTx & ResultTx & EventTx;

export interface BudgetTransactions {
  transaction<T>(fn: (tx: BudgetTx) => Promise<T>): Promise<T>;
}

export type BudgetStore = BudgetTransactions &
  CampaignReads &
  ProjectReads &
  BallotReads &
  ResultReads &
  AccountDataStore;
