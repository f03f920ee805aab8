// /graphql on Hive Gateway (@graphql-hive/gateway-runtime, MIT) over the same schema/supergraph.graphql as
// @apollo/gateway: the query planner of @graphql-hive/router-runtime (Rust, the default) or Hive's JavaScript one,
// the subgraphs reached as gateway/hive/subgraphTransport.ts says, and the Parvis plugins of gateway/hive/plugins.ts.
// The Fastify shell around it (health, readiness, HTTP hygiene, trusted-document ids, the overall time limit,
// authentication) is the gateway's own (gateway/app.ts), the same for both engines.
import { createHash } from "node:crypto";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { Logger as HiveLogger, type LogLevel as HiveLogLevel } from "@graphql-hive/logger";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";
import { GraphQLError } from "graphql";
import type { SubgraphClient } from "../../platform/internalClient.ts";
import type { Logger } from "../../platform/logger.ts";
import { createAuditWriter } from "../audit/auditWriter.ts";
import type { GatewayContext } from "../dataSources.ts";
import type { GatewayEngine } from "../engine.ts";
import { formatGatewayError } from "../formatGatewayError.ts";
import type { GatewayDeps } from "../gatewayServer.ts";
import { loadSupergraphSdl } from "../supergraph.ts";
import { parvisPlugins } from "./plugins.ts";
import { dedupeKeyOf, signingPlugin, subgraphTransports } from "./subgraphTransport.ts";

export interface HiveGraphQL {
  /** The Fastify handler of /graphql, given how the gateway builds a request's context. */
  handler(context: (request: FastifyRequest) => Promise<GatewayContext>): RouteHandlerMethod;
  stop(): Promise<void>;
}

const HIVE_LEVELS: readonly string[] = ["trace", "debug", "info", "warn", "error"];

/**
 * Hive's logger reads LOG_LEVEL each time it makes a logger (every child logger, per request too) and throws on
 * pino's levels it does not have ("silent", "fatal"), even when given its level. Its logs go to pino at pino's
 * level anyway (hiveLogger below), so such a value is shown to it as the nearest level it knows.
 */
function makeLogLevelReadableByHive(): void {
  const level = process.env.LOG_LEVEL;
  if (level !== undefined && level !== "" && !HIVE_LEVELS.includes(level)) process.env.LOG_LEVEL = "error";
}

/** Hive's logs go to the platform's logger (pino), at its level; LOG_LEVEL=silent silences them too. */
function hiveLogger(log: Logger): HiveLogger {
  const level = log.level as string;
  const levels: HiveLogLevel[] = ["trace", "debug", "info", "warn", "error"];
  return new HiveLogger({
    level: levels.includes(level as HiveLogLevel)
      ? (level as HiveLogLevel)
      : level === "fatal"
        ? "error"
        : false,
    writers: [
      {
        write(writtenLevel, attrs, message) {
          log[writtenLevel]({ ...(attrs && !Array.isArray(attrs) ? attrs : {}) }, message ?? "");
        },
      },
    ],
  });
}

export async function createHiveGraphQL(
  deps: GatewayDeps,
  client: SubgraphClient,
  engine: Extract<GatewayEngine, { name: "hive" }>,
): Promise<HiveGraphQL> {
  const log = deps.log.child({ component: "gateway", engine: `hive-${engine.planner}` });
  const supergraphSdl = loadSupergraphSdl();
  const transport = {
    targets: deps.targets,
    secret: deps.config.CALLER_SIGNING_SECRET,
    timeoutMs: deps.config.SUBGRAPH_TIMEOUT_MS,
    log,
    dedupeInflight: engine.dedupeInflight ?? false,
  };
  const audit = {
    writer: createAuditWriter({ staff: hasSubgraph(deps, "staff") ? client : undefined, log }),
    hashSecret: deps.config.AUDIT_HASH_SECRET,
  };
  makeLogLevelReadableByHive();
  const gateway = createGatewayRuntime<GatewayContext>({
    supergraph: supergraphSdl,
    ...(engine.planner === "rust" ? { unifiedGraphHandler } : {}),
    ...subgraphTransports(transport),
    logging: hiveLogger(log),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: false,
    // Errors are formatted and masked by the platform's one formatter (gateway/hive/plugins.ts).
    maskedErrors: false,
    // As Apollo Server: a GET, or a body a browser may send cross-site without a preflight, needs one of these.
    csrfPrevention: { requestHeaders: ["x-apollo-operation-name", "apollo-require-preflight"] },
    // Batched requests are refused, as with Apollo Server (allowBatchedHttpRequests: false).
    batching: false,
    // The gateway's request id is the platform's (x-request-id), set by the Fastify shell.
    requestId: false,
    plugins: () => [
      ...(deps.targets.mode === "http" ? [signingPlugin(transport)] : []),
      ...parvisPlugins({ config: deps.config, cache: deps.cache, log, supergraphSdl, audit }),
    ],
  });
  const names =
    deps.targets.mode === "http" ? [...deps.targets.urls.keys()] : [...deps.targets.servers.keys()];
  const dedupeKeys = (caller: GatewayContext["caller"]) =>
    Object.fromEntries(
      names.map((name) => [name, createHash("sha256").update(dedupeKeyOf(name, caller)).digest("base64url")]),
    );

  return {
    handler(contextOf) {
      return async (request: FastifyRequest, reply: FastifyReply) => {
        let context: GatewayContext;
        try {
          context = await contextOf(request);
        } catch (error) {
          return sendContextError(reply, error, deps, log);
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (value === undefined || name === "content-length" || name === "host") continue;
          headers.set(name, Array.isArray(value) ? value.join(", ") : value);
        }
        const body =
          request.method === "POST" && request.body !== undefined ? JSON.stringify(request.body) : undefined;
        const response = await gateway.fetch(
          `http://localhost${request.raw.url ?? "/graphql"}`,
          { method: request.method, headers, ...(body !== undefined ? { body } : {}) },
          { ...context, ...(transport.dedupeInflight ? { dedupeKeys: dedupeKeys(context.caller) } : {}) },
        );
        reply.status(response.status);
        response.headers.forEach((value, name) => {
          if (name !== "content-length") reply.header(name, value);
        });
        return reply.send(await response.text());
      };
    },
    async stop() {
      await gateway.dispose();
      await audit.writer.flush();
    },
  };
}

function hasSubgraph(deps: GatewayDeps, name: string): boolean {
  return deps.targets.mode === "http" ? deps.targets.urls.has(name) : deps.targets.servers.has(name);
}

/** An authentication failure, answered as Apollo Server answers an error of its context function. */
function sendContextError(reply: FastifyReply, error: unknown, deps: GatewayDeps, log: Logger) {
  const graphqlError = error instanceof GraphQLError ? error : new GraphQLError("Erreur interne.");
  const { http, ...extensions } = graphqlError.extensions as Record<string, unknown>;
  const status = (http as { status?: number } | undefined)?.status ?? 500;
  const formatted = formatGatewayError(
    { message: graphqlError.message, extensions: { code: "INTERNAL_SERVER_ERROR", ...extensions } },
    error,
    { config: deps.config, log },
  );
  return reply
    .status(status)
    .type("application/json; charset=utf-8")
    .send(JSON.stringify({ errors: [formatted] }));
}
