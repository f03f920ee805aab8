// Where an address is: candidates from the national address base, best first. Implemented on the Base Adresse
// Nationale's search API (adapters/banGeocoder.ts); the choice among candidates is the domain's (domain/geocoding.ts).

export interface AddressCandidate {
  label: string;
  lat: number;
  lon: number;
  /** 0..1, the address base's confidence. */
  score: number;
  citycode: string;
  postcode: string | null;
}

export interface Geocoder {
  /** Throws (UpstreamUnavailableError) when the address base cannot answer. */
  search(address: string, limit: number): Promise<AddressCandidate[]>;
}
