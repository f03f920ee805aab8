// What the directory needs from storage for communes and quartiers. Implemented on Prisma in adapters/.
import type { Page } from "../../kit/pagination.ts";

export interface CommuneRecord {
  id: string;
  inseeCode: string;
  name: string;
}

export interface QuartierRecord {
  id: string;
  slug: string;
  name: string;
  communeId: string;
  centroidLat: number;
  centroidLon: number;
}

/** Keyset of a list sorted by name: ties broken by id. */
export interface NameKey {
  name: string;
  id: string;
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
}
