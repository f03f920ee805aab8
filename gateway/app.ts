// The gateway's HTTP application: /graphql (the supergraph), /health, /ready.

import type { GraphQLDataSource } from "@apollo/gateway";
import type { FastifyInstance } from "fastify";
import type { Cache } from "../subgraphs/kit/cache/cache.ts";
import type { Config } from "../subgraphs/kit/config.ts";
import { createHttpApp, mountGraphQL, type ReadinessCheck } from "../subgraphs/kit/httpApp.ts";
import type { Logger } from "../subgraphs/kit/logger.ts";
import type { Authenticate } from "./auth/authenticate.ts";
import type { GatewayContext } from "./dataSources.ts";
import { createDataSources, createGatewayServer, type SubgraphTargets } from "./gatewayServer.ts";

export interface GatewayAppDeps {
  config: Config;
  log: Logger;
  cache: Cache;
  targets: SubgraphTargets;
  authenticate: Authenticate;
  readiness: Record<string, ReadinessCheck>;
}

export interface GatewayApp {
  app: FastifyInstance;
  /** The signed data sources, for the platform's own jobs. */
  dataSources: Map<string, GraphQLDataSource<GatewayContext>>;
}

export async function createGatewayApp(deps: GatewayAppDeps): Promise<GatewayApp> {
  const dataSources = createDataSources(deps);
  const apollo = await createGatewayServer(deps, dataSources);
  const app = createHttpApp({ log: deps.log, readiness: deps.readiness });
  await mountGraphQL(app, apollo, async (request) => ({
    caller: await deps.authenticate(request.headers.authorization),
    requestId: request.id,
  }));
  app.addHook("onClose", async () => {
    await apollo.stop();
  });
  return { app, dataSources };
}
