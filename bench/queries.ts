// The operations and settings the benchmark uses, shared by the server process and the load generator.

/** Per-IP/account rate limits raised so the load generator (one address) measures the gateway, not the limiter. */
export const BENCH_ENV: Record<string, string> = {
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  RATE_LIMIT_PER_IP: "1000000000",
  RATE_LIMIT_PER_ACCOUNT: "1000000000",
  // No background jobs or upstream synchronisation during a measurement.
  MONSTRASBOURG_SYNC_INTERVAL_SECONDS: "0",
  RETENTION_INTERVAL_SECONDS: "0",
  DIRECTORY_SYNC_INTERVAL_SECONDS: "0",
};

/** (a) One fetch, one subgraph: the directory's first 20 quartiers. */
export const SINGLE_FETCH = `query BenchSingle { quartiers(first: 20) { edges { node { id slug name } } } }`;

/** (b) Directory then identity (`_entities` for Quartier.participantCount): 50 quartiers, their commune, counts. */
export const HEAVY = `query BenchHeavy {
  quartiers(first: 50) {
    totalCount
    edges { node { id slug name centroid { lat lon } commune { id name inseeCode } participantCount } }
  }
}`;

/**
 * (b) with repeated entities: 50 places in 5 quartiers, each with its quartier's participant count — identity's
 * `_entities` gets 50 representations of 5 quartiers from a stock gateway, 5 from Parvis (deduplicated).
 */
export const REPEATED = `query BenchRepeated {
  places(first: 50) { edges { node { id name quartier { id name participantCount } } } }
}`;

/** (c) The same shape at a given list size. */
export const sized = (n: number) =>
  `query BenchSized { quartiers(first: ${n}) { edges { node { id name commune { name } participantCount } } } }`;
