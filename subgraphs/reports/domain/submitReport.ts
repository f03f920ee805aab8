// submitReport: validate against the catalogue and the territory, locate (commune, quartier), route to the
// responsible service, then store everything in one transaction (report, contact, photos, history, event).
// Every check runs before the write: a refused report leaves nothing behind.

import type { Geocoder } from "../ports/geocoder.ts";
import type { LocatedPlace, Locator } from "../ports/locator.ts";
import type { ReportStore } from "../ports/reportStore.ts";
import { type AttributeProblem, checkAttributes } from "./attributes.ts";
import { statusChanged } from "./events.ts";
import { chooseCandidate, type GeocodingOutcome } from "./geocoding.ts";
import type { Actor, CategoryRecord, ContactRecord, HistoryEntryRecord, ReportRecord } from "./model.ts";
import { routeReport } from "./routing.ts";
import { insideCoarseTerritory } from "./territory.ts";

export interface SubmitReportCommand {
  categoryCode: string;
  /** Null with an address: the address is then geocoded. */
  lat: number | null;
  lon: number | null;
  address: string | null;
  description: string;
  attributes: readonly { code: string; values: readonly string[] }[];
  photoUploadIds: readonly string[];
  contact: Omit<ContactRecord, "reportId"> | null;
  mediaUrls: readonly string[];
}

export interface SubmitDeps {
  store: ReportStore;
  locator: Locator;
  geocoder: Geocoder;
  geocoderMinScore: number;
  now: () => Date;
  newId: () => string;
  newToken: () => string;
  duplicateRadiusMeters: number;
  duplicateMaxAgeDays: number;
  /** Called when the locator fails: the report is still accepted, routed by category. */
  onLocatorFailure?: (error: unknown) => void;
}

export type SubmitOutcome =
  | { kind: "submitted"; report: ReportRecord; similar: ReportRecord[] }
  | { kind: "outside_territory" }
  | { kind: "address_not_located"; reason: "not_found" | "ambiguous"; candidates: string[] }
  | { kind: "unknown_category"; code: string }
  | { kind: "invalid_attributes"; problems: AttributeProblem[] }
  | { kind: "sign_in_required" }
  | { kind: "photo_unavailable"; uploadIds: string[] };

const SIMILAR_LIMIT = 10;
const GEOCODER_CANDIDATES = 5;

export async function submitReport(
  command: SubmitReportCommand,
  actor: Actor,
  deps: SubmitDeps,
): Promise<SubmitOutcome> {
  const { store } = deps;
  const category = await store.categoryByCode(command.categoryCode);
  if (!category?.active) return { kind: "unknown_category", code: command.categoryCode };
  if (actor.kind === "anonymous" && !category.anonymousAllowed) return { kind: "sign_in_required" };
  const point = await pointOf(command, deps);
  if (point.kind !== "located") {
    return {
      kind: "address_not_located",
      reason: point.kind,
      candidates: point.kind === "ambiguous" ? point.candidates : [],
    };
  }
  const { lat, lon } = point;
  if (!insideCoarseTerritory(lat, lon)) return { kind: "outside_territory" };

  const definitions = await store.attributesOfCategories([category.id]);
  const attributes = checkAttributes(definitions, command.attributes);
  if (!attributes.ok) return { kind: "invalid_attributes", problems: attributes.problems };

  const unusable = await unusablePhotos(command.photoUploadIds, actor, deps);
  if (unusable.length > 0) return { kind: "photo_unavailable", uploadIds: unusable };

  const place = await locate(lat, lon, deps);
  if (place && place.commune === null) return { kind: "outside_territory" };

  const rules = await store.routingRules(category.id);
  const routing = routeReport(
    category,
    place?.commune?.inseeCode ?? null,
    (insee) => rules.get(insee),
    place !== null,
  );

  const now = deps.now();
  const report: ReportRecord = {
    id: deps.newId(),
    categoryId: category.id,
    status: "submitted",
    statusReason: null,
    duplicateOfId: null,
    description: command.description,
    address: command.address,
    lat,
    lon,
    communeId: place?.commune?.id ?? null,
    communeInseeCode: place?.commune?.inseeCode ?? null,
    quartierId: place?.quartier?.id ?? null,
    serviceCode: routing.serviceCode,
    needsRouting: routing.needsRouting,
    assigneeAccountId: null,
    expectedResolutionAt: expectedResolution(category, now),
    attributes: attributes.values,
    reporterAccountId: actor.kind === "citizen" || actor.kind === "staff" ? actor.accountId : null,
    partnerClientId: actor.kind === "partner" ? actor.partnerClientId : null,
    trackingToken: deps.newToken(),
    externalMediaUrls: command.mediaUrls,
    supportCount: 0,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  const history: HistoryEntryRecord[] = [
    {
      id: deps.newId(),
      reportId: report.id,
      kind: "submitted",
      fromStatus: null,
      toStatus: "submitted",
      fromServiceCode: null,
      toServiceCode: report.serviceCode,
      publicNote: null,
      internalNote: routing.needsRouting
        ? "Localisation indisponible au dépôt : acheminé selon la catégorie seule, à vérifier."
        : null,
      public: true,
      actorKind: actor.kind,
      // The reporter is kept in the report row (staff-only field), never in the history.
      actorAccountId: null,
      createdAt: now,
    },
  ];
  const contact =
    command.contact && hasAny(command.contact) ? { reportId: report.id, ...command.contact } : null;
  const stored = await store.createReport({
    report,
    contact,
    photoIds: command.photoUploadIds,
    history,
    events: [statusChanged(report, category.code, null, "submitted", now, null)],
  });
  if (stored === "photos_taken") return { kind: "photo_unavailable", uploadIds: [...command.photoUploadIds] };

  const similar = await store.findSimilar({
    categoryId: category.id,
    lat: report.lat,
    lon: report.lon,
    radiusMeters: deps.duplicateRadiusMeters,
    since: new Date(now.getTime() - deps.duplicateMaxAgeDays * 86_400_000),
    limit: SIMILAR_LIMIT,
    excludeId: report.id,
  });
  return { kind: "submitted", report, similar };
}

/** The point given, or the one its address stands for (the geocoder's failure is the caller's error to report). */
async function pointOf(command: SubmitReportCommand, deps: SubmitDeps): Promise<GeocodingOutcome> {
  if (command.lat !== null && command.lon !== null) {
    return { kind: "located", lat: command.lat, lon: command.lon, label: command.address ?? "" };
  }
  if (!command.address) return { kind: "not_found" };
  return chooseCandidate(
    await deps.geocoder.search(command.address, GEOCODER_CANDIDATES),
    deps.geocoderMinScore,
  );
}

/** The place, or null when the directory cannot answer (the report is then routed by category alone). */
async function locate(lat: number, lon: number, deps: SubmitDeps): Promise<LocatedPlace | null> {
  try {
    return await deps.locator.locate(lat, lon);
  } catch (error) {
    deps.onLocatorFailure?.(error);
    return null;
  }
}

/** Upload ids that are unknown, attached, expired, or were uploaded by someone else. */
export async function unusablePhotos(
  ids: readonly string[],
  actor: Actor,
  deps: Pick<SubmitDeps, "store" | "now">,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const now = deps.now();
  const photos = new Map((await deps.store.photosByIds(ids)).map((photo) => [photo.id, photo]));
  return ids.filter((id) => {
    const photo = photos.get(id);
    if (!photo || photo.reportId !== null || !photo.expiresAt || photo.expiresAt <= now) return true;
    // An anonymous upload can be used by whoever holds its (unguessable) id; any other only by its uploader.
    if (photo.uploaderAccountId !== null) return photo.uploaderAccountId !== actor.accountId;
    if (photo.uploaderClientId !== null) return photo.uploaderClientId !== actor.partnerClientId;
    return false;
  });
}

function expectedResolution(category: CategoryRecord, now: Date): Date | null {
  if (category.expectedResolutionDays === null) return null;
  return new Date(now.getTime() + category.expectedResolutionDays * 86_400_000);
}

function hasAny(contact: Omit<ContactRecord, "reportId">): boolean {
  return Object.values(contact).some((value) => value !== null && value !== "");
}
