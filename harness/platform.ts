// Starts the whole platform inside a test: a fresh database (PGlite in memory, or a new PostgreSQL database in the
// services run), the cache of the run's backend, every subgraph, and the gateway on a random port. In "http" mode
// each subgraph gets its own HTTP port and the gateway reaches them as in distributed mode.
import type { FastifyInstance } from "fastify";
import {
  createSubgraphServers,
  MANIFESTS,
  mountSubgraphRoutes,
  subgraphsHoldingPersonalData,
} from "../app/platform.ts";
import { createGatewayApp } from "../gateway/app.ts";
import { type Authenticate, anonymousOnly } from "../gateway/auth/authenticate.ts";
import type { GatewayEngine } from "../gateway/engine.ts";
import type { Cache } from "../platform/cache/cache.ts";
import { createCache } from "../platform/cache/createCache.ts";
import { type Config, loadConfig } from "../platform/config.ts";
import type { SubgraphDeps } from "../platform/context.ts";
import type { Database } from "../platform/db/database.ts";
import { httpClient, type SubgraphClient } from "../platform/internalClient.ts";
import { createLogger, type Logger } from "../platform/logger.ts";
import { createSubgraphApp } from "../platform/subgraphApp.ts";
import { createSubgraphServer, type SubgraphServer } from "../platform/subgraphServer.ts";
import { createTestDatabase } from "./testDatabase.ts";

export interface TestPlatform {
  url: string;
  config: Config;
  dataSources: Awaited<ReturnType<typeof createGatewayApp>>["dataSources"];
  /** The platform's subgraph client, as its jobs and HTTP routes use it (the system caller by default). */
  client: SubgraphClient;
  db: Database;
  cache: Cache;
  log: Logger;
  /** POSTs a GraphQL operation to the gateway; returns the HTTP status and the parsed body. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: Headers;
    body: { data?: T | null; errors?: GraphQLErrorBody[] };
  }>;
  /** In "http" mode, each subgraph's HTTP server (a test may close one to take that subgraph down). */
  subgraphApps: ReadonlyMap<string, FastifyInstance>;
  /** The subgraph servers (in-process mode: what the gateway executes directly). */
  servers: ReadonlyMap<string, SubgraphServer>;
  close(): Promise<void>;
}

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface TestPlatformOptions {
  mode?: "in-process" | "http";
  /** Reference data (true, the default), none (false), or the whole demo data of `npm run seed` ("demo"). */
  seed?: boolean | "demo";
  authenticate?: (deps: {
    config: Config;
    cache: Cache;
    log: Logger;
  }) => Authenticate | Promise<Authenticate>;
  env?: Record<string, string>;
  /** Runs the gateway with NODE_ENV=production rules while keeping development secrets. */
  productionRules?: boolean;
  /** Captures every log line of the platform (at level info) instead of discarding them. */
  logDestination?: { write(line: string): void };
  /**
   * "http" mode only: the URL through which the gateway AND the subgraphs' internal calls reach each subgraph (for
   * example a logging proxy in front of it). Internal calls then travel over HTTP, as between real processes.
   */
  routeSubgraph?: (name: string, url: string) => string | Promise<string>;
  /** A database the test prepared itself (migrated); closed with the platform. Default: a fresh test database. */
  database?: Database;
  /** The gateway's engine (gateway/engine.ts); @apollo/gateway by default. */
  engine?: GatewayEngine;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const loaded = loadConfig({ ...process.env, PORT: "0", ...options.env });
  // Production behaviour (no introspection for anonymous callers, no suggestions…) with development secrets.
  const config: Config = options.productionRules ? { ...loaded, NODE_ENV: "production" } : loaded;
  const log = options.logDestination
    ? createLogger({ level: "info", name: "test", destination: options.logDestination })
    : createLogger({ level: process.env.LOG_LEVEL ?? "silent", name: "test" });
  const db = options.database ?? (await createTestDatabase({ seed: options.seed ?? true }));
  const cache = createCache(config, log, {
    namespace: `test-${process.pid}-${Math.random().toString(36).slice(2)}`,
  });
  const deps = { config, log, db, cache };
  // Internal calls over HTTP read each subgraph's URL from this copy, filled in once every subgraph listens.
  const routedConfig: Config = { ...config };
  const servers = options.routeSubgraph
    ? await createHttpLinkedServers({ ...deps, config }, routedConfig)
    : await createSubgraphServers(deps);
  const subgraphApps = new Map<string, FastifyInstance>();
  let targets: Parameters<typeof createGatewayApp>[0]["targets"];
  if (options.mode === "http") {
    const urls = new Map<string, string>();
    for (const server of servers.values()) {
      const app = await createSubgraphApp(server, deps);
      const address = await app.listen({ host: "127.0.0.1", port: 0 });
      const url = options.routeSubgraph
        ? await options.routeSubgraph(server.name, `${address}/graphql`)
        : `${address}/graphql`;
      urls.set(server.name, url);
      (routedConfig as Record<string, unknown>)[`SUBGRAPH_URL_${server.name.toUpperCase()}`] = url;
      subgraphApps.set(server.name, app);
    }
    targets = { mode: "http", urls };
  } else {
    targets = { mode: "in-process", servers };
  }
  const authenticate = options.authenticate
    ? await options.authenticate({ config, cache, log })
    : anonymousOnly;
  const reached = new Set(targets.mode === "http" ? targets.urls.keys() : targets.servers.keys());
  const { app, dataSources, client } = await createGatewayApp({
    config,
    log,
    cache,
    targets,
    authenticate,
    readiness: { database: () => db.ping(), cache: () => cache.ping() },
    ...(options.engine ? { engine: options.engine } : {}),
    // The subgraphs' routes, mounted as the composition root mounts them (app/main.ts); the jobs are not started:
    // tests run them when they need to.
    routes: (app, client) =>
      mountSubgraphRoutes(app, { config, log, cache, client, authenticate }, (name) => reached.has(name)),
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const url = `${address}/graphql`;

  return {
    url,
    config,
    dataSources,
    client,
    db,
    cache,
    log,
    subgraphApps,
    servers,
    async graphql(query, variables, requestOptions = {}) {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        ...requestOptions.headers,
      };
      if (requestOptions.token) headers.authorization = `Bearer ${requestOptions.token}`;
      const response = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as never };
    },
    async close() {
      await app.close();
      for (const subgraphApp of subgraphApps.values()) await subgraphApp.close();
      for (const server of servers.values()) await server.stop();
      await cache.close();
      await db.close();
    },
  };
}

/** Every subgraph, calling the others over HTTP at the URLs `routed` holds (as `npm run start:subgraph` does). */
async function createHttpLinkedServers(
  deps: Omit<SubgraphDeps, "internal">,
  routed: Config,
): Promise<Map<string, SubgraphServer>> {
  const internal = httpClient(routed, subgraphsHoldingPersonalData());
  const servers = new Map<string, SubgraphServer>();
  for (const manifest of MANIFESTS)
    servers.set(manifest.name, await createSubgraphServer(await manifest.load(), { ...deps, internal }));
  return servers;
}
