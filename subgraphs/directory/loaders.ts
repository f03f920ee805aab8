// The directory's long-lived services (upstream adapters with their circuit breakers, the synchronisation) and its
// per-request loaders: each batch is one SQL statement per entity type.
import DataLoader from "dataloader";
import type { Caller } from "../../platform/caller.ts";
import type { SubgraphDeps } from "../../platform/context.ts";
import { isUuid } from "../../platform/ids.ts";
import { byIdLoader, valueLoader } from "../../platform/loaders.ts";
import { federatedMapLayers } from "./adapters/federatedMapLayers.ts";
import { openDataHttp } from "./adapters/openDataHttp.ts";
import { prismaContributionStore, prismaErasureStore } from "./adapters/prismaContributionStore.ts";
import { prismaEventStore } from "./adapters/prismaEventStore.ts";
import { prismaGeographyStore } from "./adapters/prismaGeographyStore.ts";
import { prismaInitiativeStore } from "./adapters/prismaInitiativeStore.ts";
import { prismaOrganizationStore } from "./adapters/prismaOrganizationStore.ts";
import { prismaPlaceStore } from "./adapters/prismaPlaceStore.ts";
import { prismaSyncStore } from "./adapters/prismaSyncStore.ts";
import { strasbourgEuHttp } from "./adapters/strasbourgEuHttp.ts";
import { singleFlight, syncDirectory, syncedSources } from "./jobs/syncDirectory.ts";
import type { CategoryRecord, EventLinkRecord, EventRecord } from "./ports/eventStore.ts";
import type { QuartierRecord } from "./ports/geographyStore.ts";
import type { RevisionRecord } from "./ports/organizationStore.ts";
import type { SyncRunRecord } from "./ports/syncStore.ts";
import type { OpenDataPortal, RemoteMapLayer, StrasbourgEuApi } from "./ports/upstreams.ts";

// Ids that are not UUIDs cannot exist; they are answered with null without reaching the database.
const onlyUuids = (ids: readonly string[]) => ids.filter((id) => isUuid(id));

const STRASBOURG_INSEE_CODE = "67482";

function stores(deps: SubgraphDeps) {
  const { prisma } = deps.db;
  return {
    geography: prismaGeographyStore(prisma),
    organizations: prismaOrganizationStore(prisma, deps.db),
    places: prismaPlaceStore(prisma, deps.db),
    initiatives: prismaInitiativeStore(prisma, deps.db),
    events: prismaEventStore(prisma, deps.db),
    contributions: prismaContributionStore(prisma),
    erasure: prismaErasureStore(prisma),
    syncs: prismaSyncStore(prisma),
  };
}

export interface DirectoryServices {
  strasbourgEu: StrasbourgEuApi;
  openData: OpenDataPortal;
  mapLayers: { reports: RemoteMapLayer; budget_projects: RemoteMapLayer; projects: RemoteMapLayer };
  /** Runs the synchronisation of every source (one at a time per process). */
  sync: () => Promise<SyncRunRecord[]>;
  /** The sources whose freshness the directory reports. */
  sources: string[];
}

export function createDirectoryServices(deps: SubgraphDeps): DirectoryServices {
  const log = deps.log.child({ subgraph: "directory" });
  const strasbourgEu = strasbourgEuHttp({ config: deps.config, log });
  const openData = openDataHttp({ config: deps.config, log });
  const settings = {
    quartiersDataset: deps.config.OPENDATA_QUARTIERS_DATASET,
    communesDataset: deps.config.OPENDATA_COMMUNES_DATASET,
  };
  const { geography, places, events, syncs } = stores(deps);
  return {
    strasbourgEu,
    openData,
    mapLayers: federatedMapLayers({ internal: deps.internal, config: deps.config, log }),
    sync: singleFlight(() =>
      syncDirectory({
        api: strasbourgEu,
        portal: openData,
        geography,
        places,
        events,
        syncs,
        log: log.child({ job: "directory-sync" }),
        ...settings,
        maxDeleteRatio: deps.config.DIRECTORY_SYNC_MAX_DELETE_RATIO,
        defaultCommuneInsee: STRASBOURG_INSEE_CODE,
      }),
    ),
    sources: syncedSources(settings),
  };
}

export function createDirectoryLoaders(deps: SubgraphDeps, caller: Caller, services: DirectoryServices) {
  const s = stores(deps);
  const accountId = caller.accountId;
  return {
    ...s,
    services,
    quartier: byIdLoader((ids) => s.geography.quartiersByIds(onlyUuids(ids))),
    commune: byIdLoader((ids) => s.geography.communesByIds(onlyUuids(ids))),
    quartiersOfCommune: new DataLoader<string, QuartierRecord[]>(async (communeIds) => {
      const rows = await s.geography.quartiersOfCommunes(onlyUuids(communeIds));
      return communeIds.map((id) => rows.filter((row) => row.communeId === id));
    }),
    organization: byIdLoader((ids) => s.organizations.byIds(onlyUuids(ids))),
    relation: byIdLoader((ids) => s.organizations.relationsByIds(onlyUuids(ids))),
    place: byIdLoader((ids) => s.places.byIds(onlyUuids(ids))),
    initiative: byIdLoader((ids) => s.initiatives.byIds(onlyUuids(ids))),
    event: byIdLoader((ids) => s.events.byIds(onlyUuids(ids))),
    claim: byIdLoader((ids) => s.contributions.claimsByIds(onlyUuids(ids))),
    proposal: byIdLoader((ids) => s.contributions.proposalsByIds(onlyUuids(ids))),
    volunteerCount: valueLoader((ids) => s.initiatives.volunteerCounts(onlyUuids(ids)), 0),
    /** Whether the caller volunteered for each initiative (false for anyone without an account). */
    viewerVolunteered: new DataLoader<string, boolean>(async (ids) => {
      if (!accountId) return ids.map(() => false);
      const found = await s.initiatives.volunteeredBy(accountId, onlyUuids(ids));
      return ids.map((id) => found.has(id));
    }),
    /** Whether the caller represents each organisation (approved claim). */
    viewerRepresents: new DataLoader<string, boolean>(async (ids) => {
      if (!accountId) return ids.map(() => false);
      const found = await s.contributions.representedBy(accountId, onlyUuids(ids));
      return ids.map((id) => found.has(id));
    }),
    revisions: new DataLoader<string, RevisionRecord[]>(async (ids) => {
      const rows = await s.organizations.revisionsOf(onlyUuids(ids));
      return ids.map((id) => rows.filter((row) => row.organizationId === id));
    }),
    representatives: new DataLoader<string, string[]>(async (ids) => {
      const rows = await s.contributions.representativesOf(onlyUuids(ids));
      return ids.map((id) => rows.filter((row) => row.organizationId === id).map((row) => row.accountId));
    }),
    linksOfEvent: new DataLoader<string, EventLinkRecord[]>(async (ids) => {
      const rows = await s.events.linksOfEvents(onlyUuids(ids));
      return ids.map((id) => rows.filter((row) => row.eventId === id));
    }),
    linksOfOrganization: new DataLoader<string, EventLinkRecord[]>(async (ids) => {
      const rows = await s.events.linksOfOrganizations(onlyUuids(ids));
      return ids.map((id) => rows.filter((row) => row.organizationId === id));
    }),
    /** Upcoming events per place; the key is `<limit>:<placeId>` (one statement per distinct limit). */
    upcomingEvents: new DataLoader<string, EventRecord[]>(async (keys) => {
      const byLimit = new Map<number, string[]>();
      for (const key of keys) {
        const [limit, placeId] = key.split(":") as [string, string];
        byLimit.set(Number(limit), [...(byLimit.get(Number(limit)) ?? []), placeId]);
      }
      const today = new Date().toISOString().slice(0, 10);
      const results = new Map<string, EventRecord[]>();
      for (const [limit, placeIds] of byLimit) {
        const rows = await s.events.upcomingAtPlaces(onlyUuids(placeIds), today, limit);
        for (const placeId of placeIds) {
          results.set(`${limit}:${placeId}`, rows.filter((row) => row.placeId === placeId).slice(0, limit));
        }
      }
      return keys.map((key) => results.get(key) ?? []);
    }),
    category: new DataLoader<string, CategoryRecord | null>(async (sourceIds) => {
      const rows = await s.events.categoriesBySourceIds("strasbourg-eu", sourceIds);
      return sourceIds.map((id) => rows.find((row) => row.sourceId === id) ?? null);
    }),
  };
}

export type DirectoryLoaders = ReturnType<typeof createDirectoryLoaders>;
