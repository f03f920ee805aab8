// Per-request loaders of the participation subgraph (one SQL statement per batch and entity type), and its
// long-lived services: the store and the periodic announcement of what the calendar started, opened or closed.
import DataLoader from "dataloader";
import type { Caller } from "../../platform/caller.ts";
import type { SubgraphDeps } from "../../platform/context.ts";
import { isUuid } from "../../platform/ids.ts";
import { byIdLoader, valueLoader } from "../../platform/loaders.ts";
import { sqlParticipationStore } from "./adapters/sqlParticipationStore.ts";
import { sqlReferralStore } from "./adapters/sqlReferralStore.ts";
import { advanceParticipation } from "./domain/advanceParticipation.ts";
import type { ReactionKind } from "./domain/react.ts";
import type { ResponseRecord } from "./domain/respond.ts";
import type { Results } from "./domain/results.ts";
import type { ParticipationStore } from "./ports/participationStore.ts";
import type { ReferralStore } from "./ports/referralStore.ts";

const onlyUuids = (ids: readonly string[]) => ids.filter((id) => isUuid(id));

export interface ParticipationServices {
  store: ParticipationStore;
  referrals: ReferralStore;
  timer: NodeJS.Timeout | null;
}

export function createParticipationServices(deps: SubgraphDeps): ParticipationServices {
  const store = sqlParticipationStore(deps.db);
  return { store, referrals: sqlReferralStore(deps.db), timer: scheduleAdvance(deps, store) };
}

export async function stopParticipationServices(services: ParticipationServices): Promise<void> {
  if (services.timer) clearInterval(services.timer);
}

/**
 * Announces started steps and opened or ended consultations every PARTICIPATION_ADVANCE_INTERVAL_SECONDS (0: never;
 * never under tests, which call `_advanceParticipation`). A failure is logged and retried at the next tick.
 */
function scheduleAdvance(deps: SubgraphDeps, store: ParticipationStore): NodeJS.Timeout | null {
  const seconds = deps.config.PARTICIPATION_ADVANCE_INTERVAL_SECONDS;
  if (seconds === 0 || deps.config.NODE_ENV === "test") return null;
  const log = deps.log.child({ subgraph: "participation", job: "advance" });
  const timer = setInterval(() => {
    advanceParticipation(store, new Date()).then(
      (events) => events > 0 && log.info({ events }, "participation calendar announced"),
      (error: Error) => log.warn({ err: error.message }, "participation calendar failed; retried next time"),
    );
  }, seconds * 1000);
  timer.unref();
  return timer;
}

/** A loader of the rows belonging to each key (children of a parent), from one batched fetch. */
function groupLoader<Row>(
  fetch: (keys: readonly string[]) => Promise<Row[]>,
  keyOf: (row: Row) => string | null,
): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(onlyUuids(keys));
    const groups = new Map<string, Row[]>();
    for (const row of rows) {
      const key = keyOf(row);
      if (key !== null) groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

export function createParticipationLoaders(
  _deps: SubgraphDeps,
  caller: Caller,
  services: ParticipationServices,
) {
  const { store, referrals } = services;
  const me = caller.accountId;
  return {
    store,
    /** One clock per request: every status of an answer is computed at the same instant. */
    now: new Date(),
    project: byIdLoader((ids) => store.projectsByIds(onlyUuids(ids))),
    referrals,
    referral: byIdLoader((ids) => referrals.byIds(onlyUuids(ids))),
    consultation: byIdLoader((ids) => store.consultationsByIds(onlyUuids(ids))),
    steps: groupLoader(
      (ids) => store.stepsOf(ids),
      (row) => row.projectId,
    ),
    links: groupLoader(
      (ids) => store.linksOf(ids),
      (row) => row.projectId,
    ),
    projectConsultations: groupLoader(
      (ids) => store.consultationsOfProjects(ids),
      (row) => row.projectId,
    ),
    meetings: groupLoader(
      (ids) => store.meetingsOf(ids),
      (row) => row.consultationId,
    ),
    documents: groupLoader(
      (ids) => store.documentsOf(ids),
      (row) => row.consultationId,
    ),
    questions: groupLoader(
      (ids) => store.questionsOfConsultations(ids),
      (row) => row.consultationId,
    ),
    responseCount: valueLoader((ids) => store.responseCounts(onlyUuids(ids)), 0),
    reactionCounts: valueLoader((ids) => store.reactionCounts(onlyUuids(ids)), { support: 0, oppose: 0 }),
    results: valueLoader<Results | null>((ids) => store.publishedResults(onlyUuids(ids)), null),
    /** The caller's own response per consultation (null without an account). */
    myResponse: new DataLoader<string, ResponseRecord | null>(async (ids) => {
      if (!me) return ids.map(() => null);
      const rows = await store.responsesOfAccount(me, onlyUuids(ids));
      return ids.map((id) => rows.find((row) => row.consultationId === id) ?? null);
    }),
    myReaction: new DataLoader<string, ReactionKind | null>(async (ids) => {
      if (!me) return ids.map(() => null);
      const kinds = await store.reactionsOfAccount(me, onlyUuids(ids));
      return ids.map((id) => kinds.get(id) ?? null);
    }),
  };
}

export type ParticipationLoaders = ReturnType<typeof createParticipationLoaders>;
