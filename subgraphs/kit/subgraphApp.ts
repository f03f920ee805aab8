// A subgraph on its own HTTP port (distributed mode): the same server and context function as in-process.
import { HeaderMap } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import type { SubgraphDeps } from "./context.ts";
import { createHttpApp, mountGraphQL } from "./httpApp.ts";
import type { SubgraphServer } from "./subgraphServer.ts";

export async function createSubgraphApp(
  server: SubgraphServer,
  deps: Omit<SubgraphDeps, "internal">,
): Promise<FastifyInstance> {
  const app = createHttpApp({
    log: deps.log.child({ subgraph: server.name }),
    readiness: { database: () => deps.db.ping(), cache: () => deps.cache.ping() },
  });
  await mountGraphQL(app, server.apollo, async (request) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    return server.contextFromHeaders(headers);
  });
  return app;
}
