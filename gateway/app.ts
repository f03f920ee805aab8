// The gateway's HTTP application: /graphql (the supergraph), /health, /ready, the explorer, and the routes the
// composition root mounts beside them.

import type { GraphQLDataSource } from "@apollo/gateway";
import type { ApolloServer } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Cache } from "../platform/cache/cache.ts";
import type { Caller } from "../platform/caller.ts";
import type { Config } from "../platform/config.ts";
import { createHttpApp, mountGraphQLHandler, type ReadinessCheck } from "../platform/httpApp.ts";
import type { SubgraphClient } from "../platform/internalClient.ts";
import type { Logger } from "../platform/logger.ts";
import { recordOperation } from "../platform/telemetry/metrics.ts";
import type { Authenticate } from "./auth/authenticate.ts";
import type { GatewayContext } from "./dataSources.ts";
import type { GatewayEngine } from "./engine.ts";
import { registerExplorerRoutes } from "./explorer/routes.ts";
import { createHiveGraphQL } from "./hive/hiveGraphQL.ts";
import { registerHttpHygiene } from "./security/httpHygiene.ts";
import {
  loadManifest,
  mayRunAnyDocument,
  resolveDocument,
  UNREGISTERED_OPERATION,
  UnknownDocumentError,
} from "./security/trustedDocuments.ts";

/** Requests whose operation is a registered trusted document (set by the pre-handler, read by the context). */
const trustedRequests = new WeakSet<object>();

import {
  createDataSources,
  createGatewayServer,
  createSubgraphClient,
  type SubgraphTargets,
} from "./gatewayServer.ts";

export interface GatewayAppDeps {
  config: Config;
  log: Logger;
  cache: Cache;
  targets: SubgraphTargets;
  authenticate: Authenticate;
  readiness: Record<string, ReadinessCheck>;
  /** The engine that plans and executes /graphql over the supergraph (gateway/engine.ts); Apollo by default. */
  engine?: GatewayEngine;
  /**
   * Mounts routes beside /graphql with the gateway's subgraph client: the subgraphs' own HTTP routes, which the
   * composition root reads from their manifests (app/platform.ts). The gateway knows none of them.
   */
  routes?: (app: FastifyInstance, client: SubgraphClient) => Promise<void>;
}

export interface GatewayApp {
  app: FastifyInstance;
  /** The gateway's data sources (its query plans' way to the subgraphs). */
  dataSources: Map<string, GraphQLDataSource<GatewayContext>>;
  /** The platform's subgraph client, for its own jobs: same targets, in-process or over HTTP. */
  client: SubgraphClient;
}

/** False for callers held to registered operations; a token that does not verify is left to the context to refuse. */
async function mayRunAnyDocumentOrUnknown(caller: Promise<Caller>): Promise<boolean> {
  try {
    return mayRunAnyDocument(await caller);
  } catch {
    return true;
  }
}

export async function createGatewayApp(deps: GatewayAppDeps): Promise<GatewayApp> {
  const dataSources = createDataSources(deps);
  const client = createSubgraphClient(deps);
  const app = createHttpApp({
    log: deps.log,
    readiness: deps.readiness,
    bodyLimitBytes: deps.config.REQUEST_BODY_LIMIT_BYTES,
    maxHeaderBytes: deps.config.HTTP_MAX_HEADER_BYTES,
    receiveTimeoutMs: deps.config.HTTP_RECEIVE_TIMEOUT_MS,
    retryAfterSeconds: deps.config.RETRY_AFTER_SECONDS,
    trustedProxies: deps.config.TRUSTED_PROXIES,
    pseudonymSecret: deps.config.PSEUDONYM_SECRET,
  });
  await registerHttpHygiene(app, deps.config);
  const manifest = loadManifest();
  // The caller is authenticated once per request: by the pre-handler when it must decide before parsing, else here.
  const callers = new WeakMap<object, Promise<Caller>>();
  const callerOf = (request: FastifyRequest) => {
    let caller = callers.get(request);
    if (!caller) {
      caller = deps.authenticate(request.headers.authorization);
      callers.set(request, caller);
    }
    return caller;
  };
  const telemetryMarkers = new WeakMap<object, { recorded: boolean }>();
  const contextOf = async (request: FastifyRequest): Promise<GatewayContext> => {
    const telemetry = { recorded: false };
    telemetryMarkers.set(request, telemetry);
    return {
      caller: await callerOf(request),
      requestId: request.id,
      clientIp: request.ip,
      trustedDocument: trustedRequests.has(request),
      telemetry,
    };
  };
  // Requests refused before the engine counted them (an unregistered or unknown document, a body too large, a
  // token that does not verify) are counted here, with their code: a release that breaks every citizen's request
  // must show on the error ratio (an outside probe found them missing).
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.routeOptions.url !== "/graphql" || reply.statusCode < 400) return payload;
    if (telemetryMarkers.get(request)?.recorded) return payload;
    const caller = await callers.get(request)?.catch(() => undefined);
    recordOperation({
      registeredName: undefined,
      callerKind: caller?.kind,
      outcome: refusalCode(payload, reply.statusCode),
      seconds: reply.elapsedTime / 1000,
    });
    return payload;
  });
  const engine =
    deps.engine?.name === "hive" ? await createHiveGraphQL(deps, client, deps.engine) : undefined;
  const apollo = engine ? undefined : await createGatewayServer(deps, dataSources, client);
  const handler = engine
    ? engine.handler(contextOf)
    : apolloHandler(apollo as ApolloServer<GatewayContext>, contextOf);
  mountGraphQLHandler(app, handler, {
    timeoutMs: deps.config.REQUEST_TIMEOUT_MS,
    retryAfterSeconds: deps.config.RETRY_AFTER_SECONDS,
    // Registered operations sent by id become their text before Apollo reads the request.
    preHandler: async (request, reply) => {
      const get = request.method === "GET";
      const source = get ? fromQueryString(request.query) : request.body;
      if (!source || typeof source !== "object" || Array.isArray(source)) return;
      try {
        const resolved = resolveDocument(source as Record<string, unknown>, manifest);
        // Apollo's Fastify integration reads a GET's parameters from the URL itself, not from request.query.
        if (get) request.raw.url = withQueryString(request.raw.url ?? "/graphql", resolved.body);
        else request.body = resolved.body;
        if (resolved.trusted) trustedRequests.add(request);
        // Production (TRUSTED_DOCUMENTS_ONLY): a document that is not registered is refused to every caller but
        // staff and partners before it is parsed or validated, so its errors cannot describe the schema.
        else if (
          deps.config.TRUSTED_DOCUMENTS_ONLY &&
          typeof resolved.body.query === "string" &&
          !(await mayRunAnyDocumentOrUnknown(callerOf(request)))
        ) {
          return reply.status(403).send({ errors: [UNREGISTERED_OPERATION] });
        }
      } catch (error) {
        if (!(error instanceof UnknownDocumentError)) throw error;
        return reply.status(404).send({
          errors: [
            {
              message: "Opération enregistrée inconnue.",
              extensions: { code: "PERSISTED_QUERY_NOT_FOUND" },
            },
          ],
        });
      }
    },
  });
  // The subgraphs' routes (Open311, photo uploads and files, open data), through the platform's subgraph client.
  await deps.routes?.(app, client);
  // The staff explorer: GraphiQL, sign-in through MonStrasbourg.eu, saved investigations (gateway/explorer/).
  await registerExplorerRoutes(app, deps);
  app.addHook("onClose", async () => {
    await apollo?.stop();
    await engine?.stop();
  });
  return { app, dataSources, client };
}

/** The code of a refusal's first error (GraphQL `errors` or the platform's `error`), else one for its status. */
function refusalCode(payload: unknown, status: number): string {
  if (typeof payload === "string" && payload.length < 10_000) {
    try {
      const body = JSON.parse(payload) as {
        errors?: { extensions?: { code?: unknown } }[];
        error?: { code?: unknown };
      };
      const code = body.errors?.[0]?.extensions?.code ?? body.error?.code;
      if (typeof code === "string") return code;
    } catch {
      // Not JSON: named by its status below.
    }
  }
  return status === 401
    ? "UNAUTHENTICATED"
    : status === 403
      ? "FORBIDDEN"
      : status === 413
        ? "PAYLOAD_TOO_LARGE"
        : `HTTP_${status}`;
}

/**
 * A GET carries `extensions` (and `variables`) as JSON text: Apollo Client's persisted-query link sends its hash
 * that way when told to use GET for hashed queries. Read as an object to find the id; written back as text after.
 */
function fromQueryString(query: unknown): unknown {
  if (!query || typeof query !== "object" || Array.isArray(query)) return query;
  const { extensions } = query as Record<string, unknown>;
  if (typeof extensions !== "string") return query;
  try {
    return { ...query, extensions: JSON.parse(extensions) };
  } catch {
    return query; // Apollo answers malformed JSON with its own 400.
  }
}

function withQueryString(url: string, body: Record<string, unknown>): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (value !== undefined) parameters.set(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  return `${url.split("?", 1)[0]}?${parameters}`;
}

function apolloHandler(
  apollo: ApolloServer<GatewayContext>,
  context: (request: FastifyRequest) => Promise<GatewayContext>,
) {
  return fastifyApolloHandler(apollo, { context: async (request) => context(request) });
}
