// The directory's synchronisation with the city's systems, source after source: boundaries from the open-data
// portal first (places are then located in them), Strasbourg.eu categories, places, and the agenda (events are
// linked to the places just synchronised). Each source is its own run: a failure of one leaves the others' data,
// and its own previous data, in place. Runs one at a time per process.
import type { Logger } from "../../../platform/logger.ts";
import { areaLocator } from "../domain/sync/areaLocator.ts";
import { syncCommuneBoundaries, syncQuartierBoundaries } from "../domain/sync/openDataBoundaries.ts";
import {
  MalformedRecord,
  parseCategory,
  parseEvent,
  parsePlace,
  placeMatcher,
  rawId,
} from "../domain/sync/strasbourgEuRecords.ts";
import { emptyCounts, failureReason, MAX_REJECTIONS_KEPT, syncSource } from "../domain/sync/syncSource.ts";
import type { CategoryRecord, EventStore } from "../ports/eventStore.ts";
import type { GeographyStore } from "../ports/geographyStore.ts";
import type { PlaceStore } from "../ports/placeStore.ts";
import type { Rejection, SyncRunRecord, SyncStore } from "../ports/syncStore.ts";
import type { OpenDataPortal, StrasbourgEuApi } from "../ports/upstreams.ts";

export const STRASBOURG_EU = "strasbourg-eu";
export const SOURCE_PLACES = `${STRASBOURG_EU}:places`;
export const SOURCE_EVENTS = `${STRASBOURG_EU}:events`;
export const SOURCE_CATEGORIES = `${STRASBOURG_EU}:categories`;

const CATEGORY_KINDS = [
  ["types", "event_type"],
  ["themes", "event_theme"],
  ["publics", "event_public"],
  ["territories", "territory"],
] as const;

export interface DirectorySyncDeps {
  api: StrasbourgEuApi;
  portal: OpenDataPortal;
  geography: GeographyStore;
  places: PlaceStore;
  events: EventStore;
  syncs: SyncStore;
  log: Logger;
  quartiersDataset: string;
  communesDataset: string;
  maxDeleteRatio: number;
  defaultCommuneInsee: string;
}

/** Every source the directory synchronises, for freshness reports. */
export function syncedSources(
  deps: Pick<DirectorySyncDeps, "quartiersDataset" | "communesDataset">,
): string[] {
  return [
    `opendata:${deps.quartiersDataset}`,
    `opendata:${deps.communesDataset}`,
    SOURCE_CATEGORIES,
    SOURCE_PLACES,
    SOURCE_EVENTS,
  ];
}

async function syncCategories(deps: DirectorySyncDeps): Promise<SyncRunRecord> {
  const runId = await deps.syncs.start(SOURCE_CATEGORIES, new Date());
  const counts = emptyCounts();
  const rejections: Rejection[] = [];
  for (const [path, kind] of CATEGORY_KINDS) {
    let listing: unknown;
    try {
      listing = await deps.api.categories(path);
      if (!Array.isArray(listing)) throw new Error("réponse inattendue : une liste était attendue");
    } catch (error) {
      const reason = failureReason(error);
      deps.log.warn(
        { source: SOURCE_CATEGORIES, kind, reason },
        "synchronisation failed: the previous data is kept",
      );
      return deps.syncs.finish(runId, { status: "failed", counts, rejections, error: reason }, new Date());
    }
    counts.fetched += listing.length;
    const categories: CategoryRecord[] = [];
    for (const raw of listing) {
      try {
        categories.push({ ...parseCategory(raw), kind });
      } catch (error) {
        counts.malformed++;
        const reason = error instanceof MalformedRecord ? error.message : "enregistrement illisible";
        if (rejections.length < MAX_REJECTIONS_KEPT) rejections.push({ sourceId: rawId(raw), reason });
        deps.log.warn(
          { source: SOURCE_CATEGORIES, sourceId: rawId(raw), reason },
          "malformed upstream record skipped",
        );
      }
    }
    const outcome = await deps.events.replaceCategories(STRASBOURG_EU, kind, categories, new Date());
    counts.created += outcome.created;
    counts.updated += outcome.updated;
    counts.unchanged += outcome.unchanged;
    counts.deleted += outcome.deleted;
  }
  return deps.syncs.finish(runId, { status: "succeeded", counts, rejections, error: null }, new Date());
}

async function syncPlaces(deps: DirectorySyncDeps): Promise<SyncRunRecord> {
  const locate = areaLocator(await deps.geography.allQuartiers(), await deps.geography.allCommunes());
  return syncSource({
    source: SOURCE_PLACES,
    fetchListing: () => deps.api.places(),
    parse: (raw) => {
      const parsed = parsePlace(raw);
      return { ...parsed, content: { ...parsed.content, ...locate(parsed.content.lat, parsed.content.lon) } };
    },
    target: {
      sourceIndex: () => deps.places.sourceIndex(STRASBOURG_EU),
      upsert: (sourceId, content, hash, at) =>
        deps.places.upsertFromSource(STRASBOURG_EU, sourceId, content, hash, at),
      touch: (ids, at) => deps.places.touch(STRASBOURG_EU, ids, at),
      markDeleted: (ids, at) => deps.places.markDeleted(STRASBOURG_EU, ids, at),
    },
    store: deps.syncs,
    log: deps.log,
    maxDeleteRatio: deps.maxDeleteRatio,
  });
}

async function syncEvents(deps: DirectorySyncDeps): Promise<SyncRunRecord> {
  const matchPlace = placeMatcher(await deps.places.namesOf(STRASBOURG_EU));
  return syncSource({
    source: SOURCE_EVENTS,
    fetchListing: () => deps.api.events(),
    parse: (raw) => parseEvent(raw, matchPlace),
    target: {
      sourceIndex: () => deps.events.sourceIndex(STRASBOURG_EU),
      upsert: (sourceId, content, hash, at) =>
        deps.events.upsertFromSource(STRASBOURG_EU, sourceId, content, hash, at),
      touch: (ids, at) => deps.events.touch(STRASBOURG_EU, ids, at),
      markDeleted: (ids, at) => deps.events.markDeleted(STRASBOURG_EU, ids, at),
    },
    store: deps.syncs,
    log: deps.log,
    maxDeleteRatio: deps.maxDeleteRatio,
  });
}

export async function syncDirectory(deps: DirectorySyncDeps): Promise<SyncRunRecord[]> {
  const boundaryTarget = deps.geography;
  const quartiers = await syncQuartierBoundaries(
    {
      dataset: deps.quartiersDataset,
      fetchRecords: () => deps.portal.records(deps.quartiersDataset),
      target: boundaryTarget,
      store: deps.syncs,
      log: deps.log,
    },
    deps.defaultCommuneInsee,
  );
  const communes = await syncCommuneBoundaries({
    dataset: deps.communesDataset,
    fetchRecords: () => deps.portal.records(deps.communesDataset),
    target: boundaryTarget,
    store: deps.syncs,
    log: deps.log,
  });
  const categories = await syncCategories(deps);
  const places = await syncPlaces(deps);
  const events = await syncEvents(deps);
  return [quartiers, communes, categories, places, events];
}

/** One synchronisation at a time in a process: a run asked while one is going waits for it and shares its result. */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null;
  return () => {
    if (!current) current = run().finally(() => (current = null));
    return current;
  };
}
