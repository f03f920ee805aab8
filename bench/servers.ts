// The benchmark's server process (started by bench/run.ts as a child, never imported by it): one database
// (PGlite in memory, or a scratch PostgreSQL database when DATABASE_URL is set), every subgraph behind its own
// loopback HTTP port, and three gateways over those same subgraphs and data:
//   - parvis-http:   the Parvis gateway in distributed mode (signed RemoteGraphQLDataSource over HTTP);
//   - parvis-single: the Parvis gateway in single-process mode (subgraphs executed in-process);
//   - parvis-cached: the same with its public response cache on (RESPONSE_CACHE), reported apart;
//   - hive-http:     the Parvis gateway on the second engine, Hive Gateway (Rust planner), distributed mode, its
//                    merging of identical in-flight subgraph requests off — like for like with parvis-http;
//   - hive-merging:  the same with that merging on, reported apart (as the response cache is);
//   - stock:         a stock @apollo/gateway + Apollo Server standalone, default settings, HTTP subgraphs; its data
//                    source only adds the signed caller header (subgraphs refuse requests without it).
// All of them share this one process, so the stock and the Parvis gateways get the same number of workers (one).
// When everything listens, the process prints one JSON line `{"ready":…}` with the URLs on stdout.
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import type { FastifyInstance } from "fastify";
import { createSubgraphServers } from "../app/platform.ts";
import { createGatewayApp } from "../gateway/app.ts";
import { anonymousOnly } from "../gateway/auth/authenticate.ts";
import type { GatewayEngine } from "../gateway/engine.ts";
import { loadSupergraphSdl } from "../gateway/supergraph.ts";
import { createTestDatabase } from "../harness/testDatabase.ts";
import { createCache } from "../platform/cache/createCache.ts";
import { ANONYMOUS, CALLER_HEADER, signCaller } from "../platform/caller.ts";
import { loadConfig } from "../platform/config.ts";
import { createLogger } from "../platform/logger.ts";
import { createSubgraphApp } from "../platform/subgraphApp.ts";
import { addBenchPlaces, addBenchQuartiers } from "./fixtures.ts";
import { BENCH_ENV } from "./queries.ts";

process.env.PARVIS_TEST_BACKEND = process.env.DATABASE_URL ? "services" : "embedded";
const config = loadConfig({ ...process.env, ...BENCH_ENV, PORT: "0" });
const log = createLogger({ level: "silent", name: "bench" });
const db = await createTestDatabase({ seed: true });
await addBenchQuartiers(db, 100);
await addBenchPlaces(db, 100);
const cache = createCache(config, log, { namespace: `bench-${process.pid}` });
const deps = { config, log, db, cache };
const servers = await createSubgraphServers(deps);
const apps: FastifyInstance[] = [];
const urls = new Map<string, string>();
for (const server of servers.values()) {
  const app = await createSubgraphApp(server, deps);
  urls.set(server.name, `${await app.listen({ host: "127.0.0.1", port: 0 })}/graphql`);
  apps.push(app);
}
const readiness = { database: () => db.ping() };

async function parvisGateway(
  targets: Parameters<typeof createGatewayApp>[0]["targets"],
  overrides: Partial<typeof config> = {},
  engine?: GatewayEngine,
): Promise<string> {
  const { app } = await createGatewayApp({
    engine,
    config: { ...config, ...overrides },
    log,
    cache,
    targets,
    authenticate: anonymousOnly,
    readiness,
  });
  apps.push(app);
  return `${await app.listen({ host: "127.0.0.1", port: 0 })}/graphql`;
}

/** Stock data source: RemoteGraphQLDataSource with nothing but the signed header the subgraphs require. */
class StockSignedDataSource extends RemoteGraphQLDataSource {
  readonly subgraph: string;
  constructor(options: { url: string | undefined; subgraph: string }) {
    super({ url: options.url });
    this.subgraph = options.subgraph;
  }
  override willSendRequest(options: Parameters<RemoteGraphQLDataSource["willSendRequest"] & {}>[0]): void {
    const { http, query, ...rest } = options.request;
    if (!http) return;
    const header = signCaller(ANONYMOUS, config.CALLER_SIGNING_SECRET, {
      audience: this.subgraph,
      method: http.method,
      path: new URL(http.url).pathname,
      body: JSON.stringify({ query, ...rest }),
    });
    http.headers.set(CALLER_HEADER, header);
  }
}
const stockServer = new ApolloServer({
  gateway: new ApolloGateway({
    supergraphSdl: loadSupergraphSdl(),
    buildService: ({ name }) => new StockSignedDataSource({ url: urls.get(name), subgraph: name }),
  }),
  logger: log,
});
const stock = await startStandaloneServer(stockServer, { listen: { host: "127.0.0.1", port: 0 } });

const ready = {
  subgraphs: Object.fromEntries(urls),
  parvisHttp: await parvisGateway({ mode: "http", urls }),
  parvisSingle: await parvisGateway({ mode: "in-process", servers }),
  // Reported apart, never mixed into the comparison with stock: the same gateway with its response cache on.
  parvisCached: await parvisGateway({ mode: "in-process", servers }, { RESPONSE_CACHE: true }),
  hiveHttp: await parvisGateway({ mode: "http", urls }, {}, { name: "hive", planner: "rust" }),
  // Reported apart: Hive merging identical concurrent subgraph requests (keyed by caller, docs/gateway-engines.md).
  hiveMerging: await parvisGateway(
    { mode: "http", urls },
    {},
    { name: "hive", planner: "rust", dedupeInflight: true },
  ),
  stock: stock.url.endsWith("/") ? stock.url : `${stock.url}/`,
  callerSecret: config.CALLER_SIGNING_SECRET,
  database: process.env.DATABASE_URL ? "postgresql" : "pglite",
};
process.stdout.write(`${JSON.stringify({ ready })}\n`);

async function stop() {
  for (const app of apps) await app.close().catch(() => {});
  await stockServer.stop().catch(() => {});
  for (const server of servers.values()) await server.stop().catch(() => {});
  await cache.close().catch(() => {});
  await db.close().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.on("disconnect", () => void stop());
