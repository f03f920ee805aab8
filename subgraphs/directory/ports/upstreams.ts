// The city's systems the directory reads. Listings are returned raw (unknown): each record is validated on its own
// by the synchronisation, so that one malformed record never stops the others.

/** Strasbourg.eu JSON web services (shared/reference/strasbourg-eu-api). */
export interface StrasbourgEuApi {
  /** `GET /api/jsonws/place.place/get-places` (public). */
  places(): Promise<unknown>;
  /** `GET /api/jsonws/agenda.event/get-events` (HTTP Basic). */
  events(): Promise<unknown>;
  /** `GET /api/jsonws/agenda.event/get-types`, `get-themes`, `get-publics`, `get-territories` (HTTP Basic). */
  categories(kind: "types" | "themes" | "publics" | "territories"): Promise<unknown>;
}

/** The Eurométropole's Opendatasoft portal, Explore API v2.1. */
export interface OpenDataPortal {
  /** Every record of a dataset, read page by page (`/catalog/datasets/{dataset}/records?limit&offset`). */
  records(dataset: string): Promise<unknown[]>;
}

/** A map layer owned by another subgraph: a GeoJSON FeatureCollection of the box. */
export interface RemoteMapLayer {
  features(
    box: { west: number; south: number; east: number; north: number },
    limit: number,
  ): Promise<unknown>;
}
