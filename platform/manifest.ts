// What a subgraph says of itself, in one place (Decidim's component manifest is the model): the composition root
// (app/) reads the manifests that subgraphs/registry.ts lists, and nothing else of a subgraph, to build every
// process — so adding a subgraph is its folder, one registry line and its Prisma file.
//
// - load: its module — schema, resolvers, permissions, store factories and the loops its services run in its own
//   process (petition closing, the participation calendar, the open-data publication: they need its database);
// - seed: reference data (every database: tests too) and demo data (`npm run seed`, the first embedded start);
// - jobs: what the root schedules in the platform process, calling the subgraph through the subgraph client
//   (directory synchronisation, the sweep of photo uploads never attached);
// - routes: HTTP routes the root mounts on the public server beside /graphql (Open311, uploads, media, open data),
//   each reaching the subgraph through the subgraph client, never its tables;
// - partnerEvents: the event types partners may subscribe to, with their projection (platform/partnerEvents.ts).
// Retention, erasure, export and the outbox are conventions of the schema (`_applyRetention`, `_eraseAccountData`,
// `PersonalDataExport`, `_claimEvents`): `npm run compose` reads them from the SDL into schema/capabilities.json.
import type { FastifyInstance } from "fastify";
import type { Cache } from "./cache/cache.ts";
import type { Caller } from "./caller.ts";
import type { Config, SubgraphName } from "./config.ts";
import type { Database } from "./db/database.ts";
import type { InternalClient } from "./internalClient.ts";
import type { Logger } from "./logger.ts";
import type { PartnerEventCatalog } from "./partnerEvents.ts";
import type { AnySubgraphModule } from "./subgraphServer.ts";

/**
 * What a seed receives: the database, and the subgraph client to ask another subgraph (in-process). A seed imports
 * its code when it runs (a dynamic import), so that reading a manifest loads no store.
 */
export interface SeedContext {
  config: Config;
  db: Database;
  log: Logger;
  /** The other subgraphs, already seeded when listed before this one in the registry. */
  internal: InternalClient;
}

export interface SubgraphSeed {
  /** Reference data every database needs (tests included): idempotent upserts by natural key. */
  reference?: (context: SeedContext) => Promise<void>;
  /** Demo data shown by a development platform (`npm run seed`): idempotent too. */
  demo?: (context: SeedContext) => Promise<void>;
}

/** What a job or a route set receives from the root. */
export interface PlatformContext {
  config: Config;
  log: Logger;
  cache: Cache;
  /** The platform's subgraph client: in-process in one process, signed HTTP in distributed mode. */
  client: InternalClient;
}

export interface SubgraphJob {
  /** Names the job in logs. */
  name: string;
  /** Starts it (timers that do not keep the process alive); returns how to stop it. */
  start: (context: PlatformContext) => () => void | Promise<void>;
}

export interface RouteContext extends PlatformContext {
  /** The gateway's authentication of a bearer token (absent header: anonymous). */
  authenticate: (authorization: string | undefined) => Promise<Caller>;
}

/** Mounts a subgraph's HTTP routes on the public server (each group in its own encapsulated scope). */
export type SubgraphRoutes = (app: FastifyInstance, context: RouteContext) => Promise<void>;

export interface SubgraphManifest {
  name: SubgraphName;
  /**
   * Loads its GraphQL module (a dynamic import of its server.ts): only the processes that run the subgraph load its
   * resolvers, stores and Prisma client — the gateway of distributed mode reads the manifests for the routes and
   * jobs it runs, not for the subgraph.
   */
  load: () => Promise<AnySubgraphModule>;
  seed?: SubgraphSeed;
  jobs?: readonly SubgraphJob[];
  routes?: SubgraphRoutes;
  partnerEvents?: PartnerEventCatalog;
}

/** A manifest whose module, once loaded, must bear its name (checked: a mix-up would route calls astray). */
export function defineSubgraph(manifest: SubgraphManifest): SubgraphManifest {
  return {
    ...manifest,
    load: async () => {
      const module = await manifest.load();
      if (module.name !== manifest.name)
        throw new Error(`the manifest of ${manifest.name} loads the module of ${module.name}`);
      return module;
    },
  };
}
