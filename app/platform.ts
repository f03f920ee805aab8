// The composition root's wiring, shared by its entry points (app/main.ts, subgraph.ts, worker.ts, seed.ts) and by
// the test harness, which builds the platform the same way: the only code that reads subgraphs/registry.ts.
// From the manifests (platform/manifest.ts) it builds the subgraph servers, mounts the subgraphs' HTTP routes on
// the public server and starts the jobs — the platform's own and those the manifests declare.
import type { FastifyInstance } from "fastify";
import { applyRetention } from "../gateway/jobs/applyRetention.ts";
import { schedule, syncDeletedAccounts } from "../gateway/jobs/syncDeletedAccounts.ts";
import type { SubgraphDeps } from "../platform/context.ts";
import { inProcessClient, type SubgraphClient } from "../platform/internalClient.ts";
import type { PlatformContext, RouteContext, SubgraphManifest } from "../platform/manifest.ts";
import { createSubgraphServer, type SubgraphServer } from "../platform/subgraphServer.ts";
import { MANIFESTS, subgraphsHoldingPersonalData } from "../subgraphs/registry.ts";

export { MANIFESTS, subgraphsHoldingPersonalData };

/** Every subgraph in this process, calling each other in-process; with the client they share. */
export async function createInProcessSubgraphs(
  deps: Omit<SubgraphDeps, "internal">,
  manifests: readonly SubgraphManifest[] = MANIFESTS,
): Promise<{ servers: Map<string, SubgraphServer>; internal: SubgraphClient }> {
  const servers = new Map<string, SubgraphServer>();
  const internal = inProcessClient(deps.config, servers, subgraphsHoldingPersonalData(), {
    log: deps.log.child({ component: "subgraph-client" }),
  });
  for (const manifest of manifests)
    servers.set(manifest.name, await createSubgraphServer(await manifest.load(), { ...deps, internal }));
  return { servers, internal };
}

/** Every subgraph in this process, calling each other in-process. */
export async function createSubgraphServers(
  deps: Omit<SubgraphDeps, "internal">,
): Promise<Map<string, SubgraphServer>> {
  return (await createInProcessSubgraphs(deps)).servers;
}

/**
 * Mounts the HTTP routes the manifests declare (Open311, photo uploads and files, open data) on the public server,
 * for the subgraphs this platform reaches (`present`): routes of a subgraph it does not reach are not mounted.
 */
export async function mountSubgraphRoutes(
  app: FastifyInstance,
  context: RouteContext,
  present: (name: string) => boolean,
): Promise<void> {
  for (const manifest of MANIFESTS) {
    if (!manifest.routes) continue;
    if (!present(manifest.name)) {
      context.log.warn(
        { subgraph: manifest.name },
        "subgraph not configured: its HTTP routes are not mounted",
      );
      continue;
    }
    await manifest.routes(app, context);
  }
}

/**
 * Starts the platform's jobs — accounts deleted upstream, retention — and every manifest's (directory
 * synchronisation, the sweep of photo uploads…), each through the subgraph client; returns how to stop them all.
 */
export function startJobs(context: PlatformContext): () => Promise<void> {
  const { client, config, log } = context;
  const stops: (() => void | Promise<void>)[] = [
    schedule(
      () => syncDeletedAccounts(client, log.child({ job: "sync-deleted-accounts" })),
      config.MONSTRASBOURG_SYNC_INTERVAL_SECONDS,
      log,
      "sync-deleted-accounts",
    ),
    schedule(
      () => applyRetention(client, log.child({ job: "retention" })),
      config.RETENTION_INTERVAL_SECONDS,
      log,
      "retention",
    ),
  ];
  for (const manifest of MANIFESTS) for (const job of manifest.jobs ?? []) stops.push(job.start(context));
  return async () => {
    for (const stop of stops) await stop();
  };
}
