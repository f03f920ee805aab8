// Per-request loaders of the petitions subgraph (one SQL statement per batch and entity type), and its
// long-lived services: the rules, the store, the ledger's tree-head signer, the directory check of quartiers,
// and the periodic closing of petitions whose signing period is over.
import DataLoader from "dataloader";
import type { Caller } from "../../platform/caller.ts";
import type { SubgraphDeps } from "../../platform/context.ts";
import { isUuid } from "../../platform/ids.ts";
import {
  createLedgerSigner,
  type LedgerSigner,
  ledgerSql,
  readHeads,
  type TreeHead,
} from "../../platform/ledger/index.ts";
import { byIdLoader, valueLoader } from "../../platform/loaders.ts";
import { directoryQuartiers } from "./adapters/directoryQuartiers.ts";
import { SCHEMA, sqlPetitionStore } from "./adapters/sqlPetitionStore.ts";
import { closeExpiredPetitions } from "./domain/closeExpiredPetitions.ts";
import type { QuartierDirectory } from "./domain/context.ts";
import type { SignatureRecord } from "./domain/model.ts";
import { type PetitionRules, rulesFromConfig } from "./domain/rules.ts";
import type { PetitionStore } from "./ports/petitionStore.ts";

const onlyUuids = (ids: readonly string[]) => ids.filter((id) => isUuid(id));

export interface PetitionServices {
  rules: PetitionRules;
  store: PetitionStore;
  signer: LedgerSigner;
  quartiers: QuartierDirectory;
}

export function createPetitionServices(deps: SubgraphDeps): PetitionServices {
  const services = {
    rules: rulesFromConfig(deps.config),
    store: sqlPetitionStore(deps.db),
    signer: createLedgerSigner(deps.config.LEDGER_SIGNING_KEY),
    quartiers: directoryQuartiers(deps.internal),
  };
  scheduleClosing(deps, services);
  return services;
}

/**
 * Closes petitions whose period ended below the first threshold, every PETITION_CLOSE_INTERVAL_SECONDS (0: never;
 * never under tests, which call the command). The timer does not keep the process alive; a failure is logged and
 * retried at the next tick, and closing twice is harmless.
 */
function scheduleClosing(deps: SubgraphDeps, services: Omit<PetitionServices, "quartiers">): void {
  const seconds = deps.config.PETITION_CLOSE_INTERVAL_SECONDS;
  if (seconds === 0 || deps.config.NODE_ENV === "test") return;
  const log = deps.log.child({ subgraph: "petitions", job: "close-expired" });
  const timer = setInterval(() => {
    closeExpiredPetitions(services.store, services.rules, new Date()).then(
      (closed) => closed > 0 && log.info({ closed }, "petitions closed at the end of their signing period"),
      (error: Error) =>
        log.warn({ err: error.message }, "closing expired petitions failed; retried next time"),
    );
  }, seconds * 1000);
  timer.unref();
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

export function createPetitionLoaders(deps: SubgraphDeps, caller: Caller, services: PetitionServices) {
  const { store } = services;
  const me = caller.accountId;
  return {
    ...services,
    petition: byIdLoader((ids) => store.petitionsByIds(onlyUuids(ids))),
    coAuthors: groupLoader(
      (ids) => store.coAuthorsOf(ids),
      (row) => row.petitionId,
    ),
    milestones: groupLoader(
      (ids) => store.milestonesOf(ids),
      (row) => row.petitionId,
    ),
    paperBatches: groupLoader(
      (ids) => store.paperBatchesOf(ids),
      (row) => row.petitionId,
    ),
    /** The caller's own current signature per petition (null without an account). */
    mySignature: new DataLoader<string, SignatureRecord | null>(async (petitionIds) => {
      if (!me) return petitionIds.map(() => null);
      const rows = await store.signaturesOfAccount(me, onlyUuids(petitionIds));
      return petitionIds.map((id) => rows.find((row) => row.petitionId === id) ?? null);
    }),
    ledgerHead: new DataLoader<string, TreeHead>(async (logIds) => {
      const heads = await readHeads(ledgerSql(deps.db), SCHEMA, logIds);
      return logIds.map((logId) => heads.get(logId) as TreeHead);
    }),
    authoredCount: valueLoader((ids) => store.authoredCounts(onlyUuids(ids)), 0),
    signedCount: valueLoader((ids) => store.signedCounts(onlyUuids(ids)), 0),
  };
}

export type PetitionLoaders = ReturnType<typeof createPetitionLoaders>;
