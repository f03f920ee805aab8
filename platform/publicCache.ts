// Invalidation of the gateway's public response cache (gateway/responseCache/) by domain events.
//
// Every cached response is stored under a key that includes the current version of each type its operation
// selects (`rc:v:<Type>` in the cache port, plus the global `rc:v:*`). Bumping a version makes every entry that
// touched the type unreachable at once; the entries themselves simply expire with their ttl.
//
// When to bump: right AFTER the transaction that recorded the events has committed. Bumping before (inside the
// transaction) would let a concurrent anonymous read see the old rows, then store them under the new version,
// where they would stay until their ttl. So `recordEvents` (outbox.ts) only notes the event types in the current
// *event scope*; `withOutbox` (outboxResolvers.ts) runs every mutation resolver of an emitting subgraph in a scope
// and bumps once the resolver has returned — its command has committed (or failed, and a spurious bump only costs
// a miss). Events recorded outside any open scope (the subgraphs' own timers, such as the closing of expired
// petitions, or a group commit that a previous request's continuation runs) are bumped a little later, on every
// cache of an emitting subgraph of this process: ORPHAN_DELAY_MS after they were recorded, long after such a
// transaction has committed. Staleness is bounded by the hints' maxAge in any case.
//
// Versions are counters with a long ttl (far above any maxAge), so that a counter that expires, or an LRU that
// evicts it, can only turn cached entries into misses of entries that have long expired.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Cache } from "./cache/cache.ts";
import type { Logger } from "./logger.ts";

export const VERSION_KEY_PREFIX = "rc:v:";
/** Bumped by events whose type is not in EVENT_TYPES: invalidates every cached response. */
export const ALL_TYPES = "*";
const VERSION_TTL_SECONDS = 7 * 24 * 3600;
const ORPHAN_DELAY_MS = 1000;

export const versionKey = (type: string): string => `${VERSION_KEY_PREFIX}${type}`;

/**
 * The schema types whose public data an event (by the prefix of its type, `petition.` in `petition.published`)
 * may have changed. A new event prefix not listed here invalidates everything (ALL_TYPES): correct, only slower.
 */
export const EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  petition: ["Petition"],
  report: ["Report"],
  budget: ["BudgetCampaign", "BudgetProject"],
  initiative: ["Initiative"],
  organization: ["Organization"],
  directory: ["Initiative", "Place", "Organization"],
  // A comment changes its thread and the comment count of what it is about.
  comment: ["Comment", "Petition", "BudgetProject", "Project", "Consultation"],
  participation: ["Project", "Consultation", "ObservatoryReferral"],
};

export function typesForEvent(eventType: string): readonly string[] {
  const prefix = eventType.split(".", 1)[0] ?? "";
  return EVENT_TYPES[prefix] ?? [ALL_TYPES];
}

/** Makes every cached public response that selected one of `types` unreachable. Never throws. */
export async function invalidatePublicCache(
  cache: Cache,
  types: Iterable<string>,
  log?: Logger,
): Promise<void> {
  const unique = [...new Set(types)];
  if (unique.length === 0) return;
  const results = await Promise.allSettled(
    unique.map((type) => cache.increment(versionKey(type), VERSION_TTL_SECONDS)),
  );
  // An unreachable cache serves nothing either; the ttl bounds what a lost bump leaves behind.
  if (results.some((result) => result.status === "rejected"))
    log?.warn({ types: unique }, "could not invalidate the public response cache");
}

interface EventScope {
  types: Set<string>;
  open: boolean;
}

const scopes = new AsyncLocalStorage<EventScope>();
/** Caches of the emitting subgraphs built in this process, for events recorded outside any scope. */
const orphanCaches = new Set<Cache>();
const orphanTypes = new Set<string>();
let orphanTimer: NodeJS.Timeout | undefined;

/** Called by `withOutbox` with each emitting subgraph's cache. */
export function registerEventCache(cache: Cache): void {
  orphanCaches.add(cache);
}

/** Called by `recordEvents` for the events it wrote in the current transaction. */
export function noteRecordedEvents(eventTypes: Iterable<string>): void {
  const scope = scopes.getStore();
  const target = scope?.open ? scope.types : orphanTypes;
  for (const eventType of eventTypes) for (const type of typesForEvent(eventType)) target.add(type);
  if (target === orphanTypes && orphanTypes.size > 0 && !orphanTimer) {
    orphanTimer = setTimeout(flushOrphans, ORPHAN_DELAY_MS);
    orphanTimer.unref();
  }
}

async function flushOrphans(): Promise<void> {
  orphanTimer = undefined;
  const types = [...orphanTypes];
  orphanTypes.clear();
  await Promise.all(
    [...orphanCaches].map(async (cache) => {
      await invalidatePublicCache(cache, types);
      // A closed cache belongs to a server that has stopped (tests start many): forget it.
      await cache.ping().catch(() => orphanCaches.delete(cache));
    }),
  );
}

/**
 * Runs `work` (a mutation resolver) in an event scope, then bumps the versions of the types its events touched.
 * The bump happens whether `work` succeeded or not: a command may fail after its transaction committed.
 */
export async function withEventScope<T>(cache: Cache, log: Logger, work: () => Promise<T> | T): Promise<T> {
  const scope: EventScope = { types: new Set(), open: true };
  try {
    return await scopes.run(scope, work);
  } finally {
    scope.open = false;
    if (scope.types.size > 0) await invalidatePublicCache(cache, scope.types, log);
  }
}
