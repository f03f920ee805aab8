// Per-request loaders of the reports subgraph: each batch is one SQL statement per entity type.
import DataLoader from "dataloader";
import type { Caller } from "../../platform/caller.ts";
import type { SubgraphDeps } from "../../platform/context.ts";
import { isUuid } from "../../platform/ids.ts";
import { byIdLoader } from "../../platform/loaders.ts";
import { banGeocoder } from "./adapters/banGeocoder.ts";
import { directoryLocator } from "./adapters/directoryLocator.ts";
import { prismaReportStore } from "./adapters/prismaReportStore.ts";
import type {
  AttributeDefinition,
  ContactRecord,
  HistoryEntryRecord,
  PhotoRecord,
  ServiceRecord,
} from "./domain/model.ts";
import type { Geocoder } from "./ports/geocoder.ts";
import type { Locator } from "./ports/locator.ts";
import { type ReportsSettings, reportsSettings } from "./settings.ts";

const onlyUuids = (ids: readonly string[]) => ids.filter((id) => isUuid(id));

export interface ReportsServices {
  settings: ReportsSettings;
  locator: Locator;
  geocoder: Geocoder;
}

export function createReportsServices(deps: SubgraphDeps): ReportsServices {
  const settings = reportsSettings(deps.config);
  return {
    settings,
    locator: directoryLocator({
      internal: deps.internal,
      log: deps.log.child({ subgraph: "reports" }),
      timeoutMs: settings.locatorTimeoutMs,
    }),
    geocoder: banGeocoder({
      url: settings.geocoder.url,
      timeoutMs: settings.geocoder.timeoutMs,
      log: deps.log.child({ subgraph: "reports" }),
    }),
  };
}

/** Groups rows by a key, in the order of the keys asked for. */
function grouped<Row>(keys: readonly string[], rows: Row[], keyOf: (row: Row) => string | null): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

export function createReportsLoaders(deps: SubgraphDeps, caller: Caller, services: ReportsServices) {
  const store = prismaReportStore(deps.db);
  const viewer = caller.accountId;
  return {
    store,
    locator: services.locator,
    geocoder: services.geocoder,
    settings: services.settings,
    report: byIdLoader((ids) => store.reportsByIds(onlyUuids(ids))),
    category: byIdLoader((ids) => store.categoriesByIds(onlyUuids(ids))),
    attributesOfCategory: new DataLoader<string, AttributeDefinition[]>(async (ids) =>
      grouped(ids, await store.attributesOfCategories(onlyUuids(ids)), (row) => row.categoryId),
    ),
    service: new DataLoader<string, ServiceRecord | null>(async (codes) => {
      const rows = new Map((await store.servicesByCodes(codes)).map((row) => [row.code, row]));
      return codes.map((code) => rows.get(code) ?? null);
    }),
    history: new DataLoader<string, HistoryEntryRecord[]>(async (ids) =>
      grouped(ids, await store.historyOfReports(onlyUuids(ids)), (row) => row.reportId),
    ),
    photos: new DataLoader<string, PhotoRecord[]>(async (ids) =>
      grouped(ids, await store.photosOfReports(onlyUuids(ids)), (row) => row.reportId),
    ),
    contact: new DataLoader<string, ContactRecord | null>(async (ids) => {
      const rows = new Map((await store.contactsOfReports(onlyUuids(ids))).map((row) => [row.reportId, row]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
    /** Whether the signed-in person supports each report (false for everyone else, without a query). */
    supported: new DataLoader<string, boolean>(async (ids) => {
      if (!viewer) return ids.map(() => false);
      const supported = await store.supportedAmong(viewer, onlyUuids(ids));
      return ids.map((id) => supported.has(id));
    }),
  };
}

export type ReportsLoaders = ReturnType<typeof createReportsLoaders>;
