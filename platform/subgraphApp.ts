// A subgraph on its own HTTP port (distributed mode): the same server and context function as in-process.
// The caller header's signature covers the request's method, path and exact body bytes, so the JSON body is kept
// raw next to its parsed form (Fastify's own JSON parser, with its prototype-poisoning protection).
import { HeaderMap } from "@apollo/server";
import type { FastifyInstance, FastifyRequest } from "fastify";
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
    retryAfterSeconds: deps.config.RETRY_AFTER_SECONDS,
    receiveTimeoutMs: deps.config.HTTP_RECEIVE_TIMEOUT_MS,
  });
  const rawBodies = new WeakMap<FastifyRequest, string>();
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    rawBodies.set(request, body as string);
    parseJson(request, body as string, done);
  });
  await mountGraphQL(app, server.apollo, async (request) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    return server.contextFromRequest({
      headers,
      method: request.method,
      path: request.url,
      body: rawBodies.get(request) ?? "",
    });
  });
  return app;
}
