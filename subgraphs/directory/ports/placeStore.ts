// What the directory needs from storage for places (including the map layer and the synchronisation).
import type { Page } from "../../../platform/pagination.ts";
import type { Near } from "../domain/area.ts";
import type { GridCluster } from "../domain/clustering.ts";
import type { Box } from "../domain/geometry.ts";
import type { NameKey } from "./geographyStore.ts";

export type PlaceKind = "equipment" | "meeting_place" | "third_place" | "park" | "other";

export interface PlaceRecord {
  id: string;
  name: string;
  kind: PlaceKind;
  description: string | null;
  address: string | null;
  zipCode: string | null;
  city: string | null;
  lat: number;
  lon: number;
  quartierId: string | null;
  communeId: string | null;
  opening: unknown;
  accessibility: unknown;
  phone: string | null;
  email: string | null;
  website: string | null;
  imageUrl: string | null;
  typeIds: string[];
  source: string;
  sourceId: string | null;
  fetchedAt: Date | null;
  deletedAt: Date | null;
  /** Present in results of a `near` search. */
  distanceMeters?: number;
}

export interface PlaceFilter {
  kinds?: PlaceKind[];
  quartierId?: string;
  search?: string;
}

export interface DistanceKey {
  d: number;
  id: string;
}

/** The columns a synchronised place sets (everything but identity and bookkeeping). */
export type PlaceContent = Omit<
  PlaceRecord,
  "id" | "source" | "sourceId" | "fetchedAt" | "deletedAt" | "distanceMeters"
>;

export interface SourceEntry {
  id: string;
  sourceId: string;
  contentHash: string | null;
  deleted: boolean;
}

export interface PlaceStore {
  byIds(ids: readonly string[]): Promise<PlaceRecord[]>;
  listByName(
    filter: PlaceFilter,
    box: Box | null,
    page: Page<NameKey>,
  ): Promise<{ rows: PlaceRecord[]; total: number }>;
  listByDistance(
    filter: PlaceFilter,
    near: Near,
    box: Box,
    page: Page<DistanceKey>,
  ): Promise<{ rows: PlaceRecord[]; total: number }>;
  countInBox(box: Box): Promise<number>;
  pointsInBox(box: Box, limit: number): Promise<PlaceRecord[]>;
  clustersInBox(box: Box, grid: number): Promise<GridCluster[]>;
  /** Every place of a source, deleted ones included (the synchronisation compares against it). */
  sourceIndex(source: string): Promise<SourceEntry[]>;
  /** Creates or updates by (source, sourceId), clearing a deletion mark. */
  upsertFromSource(
    source: string,
    sourceId: string,
    content: PlaceContent,
    contentHash: string,
    fetchedAt: Date,
  ): Promise<"created" | "updated">;
  /** Refreshes fetchedAt of unchanged records. */
  touch(source: string, sourceIds: readonly string[], fetchedAt: Date): Promise<void>;
  markDeleted(source: string, sourceIds: readonly string[], at: Date): Promise<number>;
  /** Active places of a source by name, for linking events to places. */
  namesOf(source: string): Promise<{ id: string; name: string; city: string | null }[]>;
}
