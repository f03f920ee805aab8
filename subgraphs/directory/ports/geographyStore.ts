// What the directory needs from storage for communes and quartiers. Implemented on Prisma in adapters/.
import type { Page } from "../../../platform/pagination.ts";
import type { AreaGeometry, Box } from "../domain/geometry.ts";

export interface BoundaryFields {
  /** GeoJSON geometry as stored (validated when written). */
  boundary: unknown;
  boundarySource: string | null;
  boundaryFetchedAt: Date | null;
}

export interface CommuneRecord extends BoundaryFields {
  id: string;
  inseeCode: string;
  name: string;
}

export interface QuartierRecord extends BoundaryFields {
  id: string;
  slug: string;
  name: string;
  communeId: string;
  centroidLat: number;
  centroidLon: number;
  boundarySourceId: string | null;
}

/** Keyset of a list sorted by name: ties broken by id. */
export interface NameKey {
  name: string;
  id: string;
}

/** An area whose bounding box contains a point: the candidates of a point-in-polygon lookup. */
export interface AreaCandidate {
  id: string;
  key: string;
  boundary: AreaGeometry;
}

export interface BoundaryUpdate {
  geometry: AreaGeometry;
  box: Box;
  source: string;
  sourceId?: string;
  fetchedAt: Date;
}

export interface GeographyStore {
  quartiersByIds(ids: readonly string[]): Promise<QuartierRecord[]>;
  quartiersOfCommunes(communeIds: readonly string[]): Promise<QuartierRecord[]>;
  communesByIds(ids: readonly string[]): Promise<CommuneRecord[]>;
  listQuartiers(
    filter: { communeId?: string },
    page: Page<NameKey>,
  ): Promise<{ rows: QuartierRecord[]; total: number }>;
  listCommunes(page: Page<NameKey>): Promise<{ rows: CommuneRecord[]; total: number }>;
  /** Quartiers (or communes) whose boundary's bounding box contains the point. */
  quartierCandidates(lat: number, lon: number): Promise<AreaCandidate[]>;
  communeCandidates(lat: number, lon: number): Promise<AreaCandidate[]>;
  /** Quartiers whose boundary's bounding box intersects the box (the map's QUARTIERS layer). */
  quartiersInBox(box: Box): Promise<QuartierRecord[]>;
  /** Every quartier and commune, for the synchronisation that matches open-data records to them. */
  allQuartiers(): Promise<QuartierRecord[]>;
  allCommunes(): Promise<CommuneRecord[]>;
  setQuartierBoundary(id: string, update: BoundaryUpdate): Promise<void>;
  setCommuneBoundary(id: string, update: BoundaryUpdate): Promise<void>;
  /** A neighbourhood found in the open-data dataset that the directory did not know. */
  createQuartier(quartier: {
    slug: string;
    name: string;
    communeId: string;
    centroidLat: number;
    centroidLon: number;
  }): Promise<QuartierRecord>;
}
