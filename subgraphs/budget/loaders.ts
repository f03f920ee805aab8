// Per-request loaders of the budget subgraph (one SQL statement per batch and entity type), and its long-lived
// services: the store, the ledger's tree-head signer, the clock and the directory check of quartier ids.
import DataLoader from "dataloader";
import type { SubgraphDeps } from "../../platform/context.ts";
import { upstreamUnavailable } from "../../platform/errors.ts";
import { isUuid } from "../../platform/ids.ts";
import {
  createLedgerSigner,
  type LedgerSigner,
  readHeads,
  type TreeHead,
} from "../../platform/ledger/index.ts";
import { byIdLoader, valueLoader } from "../../platform/loaders.ts";
import { ballotLogId, LEDGER_SCHEMA } from "./adapters/ballotLedgerStore.ts";
import { prismaBudgetStore } from "./adapters/prismaBudgetStore.ts";
import type { BudgetStore } from "./ports/budgetStore.ts";

const onlyUuids = (ids: readonly string[]) => ids.filter((id) => isUuid(id));

export interface BudgetServices {
  store: BudgetStore;
  signer: LedgerSigner;
  now: () => Date;
  /** Whether the directory knows a quartier (an internal call; UPSTREAM_UNAVAILABLE when it cannot answer). */
  quartierExists: (id: string) => Promise<boolean>;
}

export function createBudgetServices(deps: SubgraphDeps, clock: () => Date): BudgetServices {
  return {
    store: prismaBudgetStore(deps.db.prisma, {
      concurrency: deps.db.kind === "pglite" ? 1 : deps.config.DATABASE_POOL_MAX - 2,
    }),
    signer: createLedgerSigner(deps.config.LEDGER_SIGNING_KEY),
    now: clock,
    async quartierExists(id) {
      try {
        const data = await deps.internal.request<{ quartier: { id: string } | null }>(
          "directory",
          "query BudgetQuartierExists($id: ID!) { quartier(id: $id) { id } }",
          { id },
        );
        return data.quartier !== null;
      } catch {
        throw upstreamUnavailable("annuaire des quartiers");
      }
    },
  };
}

/** A loader of the rows belonging to each key (children of a parent), from one batched fetch. */
function groupLoader<Row>(
  fetch: (keys: readonly string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string,
): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(onlyUuids(keys));
    const groups = new Map<string, Row[]>();
    for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

export function createBudgetLoaders(deps: SubgraphDeps, services: BudgetServices) {
  const { store } = services;
  const prisma = deps.db.prisma;
  return {
    ...services,
    campaign: byIdLoader((ids) => store.campaignsByIds(onlyUuids(ids))),
    envelope: byIdLoader((ids) => store.envelopesByIds(onlyUuids(ids))),
    project: byIdLoader((ids) => store.projectsByIds(onlyUuids(ids))),
    envelopesOfCampaign: groupLoader(store.envelopesOfCampaigns, (row) => row.campaignId),
    mergedInto: groupLoader(store.projectsMergedInto, (row) => row.mergedIntoId ?? ""),
    statusChanges: groupLoader(store.statusChangesOf, (row) => row.projectId),
    reviews: groupLoader(store.reviewsOf, (row) => row.projectId),
    milestones: groupLoader(store.milestonesOf, (row) => row.projectId),
    notes: groupLoader(store.notesOf, (row) => row.projectId),
    phaseChanges: groupLoader(store.phaseChangesOf, (row) => row.campaignId),
    resultsOfCampaign: groupLoader(store.resultsOfCampaigns, (row) => row.campaignId),
    resultOfProject: groupLoader(store.resultsOfProjects, (row) => row.projectId),
    projectCount: valueLoader((ids) => store.projectCounts(onlyUuids(ids)), 0),
    ballotCount: valueLoader((ids) => store.ballotCounts(onlyUuids(ids)), 0),
    ledgerHead: new DataLoader<string, TreeHead>(async (campaignIds) => {
      const heads = await readHeads(prisma, LEDGER_SCHEMA, campaignIds.map(ballotLogId));
      return campaignIds.map((id) => heads.get(ballotLogId(id)) as TreeHead);
    }),
  };
}

export type BudgetLoaders = ReturnType<typeof createBudgetLoaders>;
