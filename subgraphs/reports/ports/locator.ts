// Which commune and quartier a point lies in. The directory owns the boundaries; the reports subgraph asks it
// through this port (adapters/directoryLocator.ts) and is tested with a fake.

export interface LocatedPlace {
  /** Null when the point lies in no commune of the Eurométropole. */
  commune: { id: string; inseeCode: string; name: string } | null;
  /** Null when the point lies in no known quartier (most communes have none). */
  quartier: { id: string; name: string } | null;
}

export interface Locator {
  /** Throws (UpstreamUnavailableError) when the directory cannot answer. */
  locate(lat: number, lon: number): Promise<LocatedPlace>;
}
