// The public GraphQL endpoint: @apollo/gateway over the static supergraph, in front of every subgraph.
import { ApolloGateway, type GraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import type { Cache } from "../platform/cache/cache.ts";
import { toKeyValueCache } from "../platform/cache/keyValueCache.ts";
import type { Config, SubgraphName } from "../platform/config.ts";
import { httpClient, inProcessClient, type SubgraphClient } from "../platform/internalClient.ts";
import type { Logger } from "../platform/logger.ts";
import { installScalarParsers } from "../platform/scalars.ts";
import type { SubgraphServer } from "../platform/subgraphServer.ts";
import { auditPlugin } from "./audit/auditPlugin.ts";
import { createAuditWriter } from "./audit/auditWriter.ts";
import { type GatewayContext, InProcessDataSource, SignedRemoteDataSource } from "./dataSources.ts";
import { formatGatewayError } from "./formatGatewayError.ts";
import { warmQueryPlans } from "./queryPlanWarmup.ts";
import { publicCacheHints } from "./responseCache/hints.ts";
import { noHttpCachingPlugins, responseCachePlugin } from "./responseCache/responseCachePlugin.ts";
import { costLimitPlugin } from "./security/costLimit.ts";
import { operationLimits } from "./security/operationLimits.ts";
import { operationResolutionPlugin } from "./security/operationResolution.ts";
import { rateLimitPlugin } from "./security/rateLimit.ts";
import { loadManifest, trustedDocumentsPlugin } from "./security/trustedDocuments.ts";
import { loadSupergraphSdl } from "./supergraph.ts";
import { telemetryPlugin } from "./telemetryPlugin.ts";
import { unavailableStatusPlugin } from "./unavailableStatusPlugin.ts";

// @apollo/gateway 2.14 reports usage metrics to Apollo's servers and probes cloud-metadata addresses
// (169.254.169.254…) at construction unless told not to. A city platform sends nothing to third parties.
process.env.APOLLO_TELEMETRY_DISABLED = "true";

export type SubgraphTargets =
  | { mode: "in-process"; servers: ReadonlyMap<string, SubgraphServer> }
  | { mode: "http"; urls: ReadonlyMap<string, string> };

export interface GatewayDeps {
  config: Config;
  cache: Cache;
  log: Logger;
  targets: SubgraphTargets;
}

function dataSourceFor(name: string, deps: GatewayDeps): GraphQLDataSource<GatewayContext> {
  const signing = { secret: deps.config.CALLER_SIGNING_SECRET };
  const guard = { timeoutMs: deps.config.SUBGRAPH_TIMEOUT_MS, log: deps.log.child({ component: "gateway" }) };
  if (deps.targets.mode === "in-process") {
    const server = deps.targets.servers.get(name);
    if (!server) throw new Error(`Supergraph names subgraph "${name}", which this process does not run`);
    return new InProcessDataSource(server, guard);
  }
  // Routing URLs come from configuration, never from the supergraph file, as in Apollo Router.
  const url = deps.targets.urls.get(name as SubgraphName);
  if (!url) throw new Error(`No URL configured for subgraph "${name}" (SUBGRAPH_URL_${name.toUpperCase()})`);
  return new SignedRemoteDataSource({ name, url }, signing, guard);
}

/** One data source per subgraph, shared by the gateway's query plans and the platform's own jobs. */
export function createDataSources(deps: GatewayDeps): Map<string, GraphQLDataSource<GatewayContext>> {
  return new Map(subgraphNames(deps.targets).map((name) => [name, dataSourceFor(name, deps)]));
}

/**
 * The platform's subgraph client for what runs beside the gateway (its jobs, the audit trail, the HTTP routes of
 * subgraphs): the same targets as the query plans, in-process or over HTTP.
 */
export function createSubgraphClient(deps: GatewayDeps): SubgraphClient {
  const options = { log: deps.log.child({ component: "subgraph-client" }) };
  return deps.targets.mode === "in-process"
    ? inProcessClient(deps.config, deps.targets.servers, [], options)
    : httpClient(deps.config, [], { ...options, urls: deps.targets.urls });
}

/** The subgraphs the gateway reaches. */
export function subgraphNames(targets: SubgraphTargets): string[] {
  return targets.mode === "in-process" ? [...targets.servers.keys()] : [...targets.urls.keys()];
}

export async function createGatewayServer(
  deps: GatewayDeps,
  dataSources = createDataSources(deps),
  client = createSubgraphClient(deps),
): Promise<ApolloServer<GatewayContext>> {
  const log = deps.log.child({ component: "gateway" });
  const supergraphSdl = loadSupergraphSdl();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const dataSource = dataSources.get(name);
      if (!dataSource) throw new Error(`Supergraph names subgraph "${name}", which is not configured`);
      return dataSource;
    },
    logger: log,
    // Sized from configuration: every plan of a deployment's operations stays in memory (see queryPlanWarmup.ts).
    experimental_approximateQueryPlanStoreMiB: deps.config.QUERY_PLAN_CACHE_MIB,
  });
  // Variables and literals of the custom scalars are parsed as the subgraphs parse them: refused here, with
  // BAD_USER_INPUT and HTTP 400, instead of failing inside a subgraph (gateway/security/variableErrors.ts).
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => installScalarParsers(apiSchema));
  const limits = operationLimits(deps.config);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    cache: toKeyValueCache(deps.cache, "apollo:"),
    // Introspection is answered to staff and partners; trustedDocumentsPlugin refuses it to every other caller
    // in production.
    introspection: true,
    // Trusted documents replace automatic persisted queries: no client may register an operation at will.
    persistedQueries: false,
    allowBatchedHttpRequests: false,
    hideSchemaDetailsFromClientErrors: deps.config.NODE_ENV === "production",
    parseOptions: { maxTokens: deps.config.LIMIT_MAX_TOKENS },
    validationRules: limits.validationRules,
    plugins: [
      // Metrics per operation and the operation's span (platform/telemetry/, docs/observability.md).
      telemetryPlugin(),
      operationResolutionPlugin<GatewayContext>(),
      ...(limits.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      trustedDocumentsPlugin(deps.config),
      costLimitPlugin(deps.config, supergraphSdl),
      rateLimitPlugin(deps),
      // Audit trail: staff and partner operations that returned personal data, recorded through the staff
      // subgraph in the background (gateway/audit/).
      auditPlugin({
        writer: createAuditWriter({ staff: dataSources.has("staff") ? client : undefined, log }),
        hashSecret: deps.config.AUDIT_HASH_SECRET,
      }),
      // Public response cache (RESPONSE_CACHE): anonymous queries over @cacheControl-hinted data, answered after
      // the limits and rate limits above have run (gateway/responseCache/). HTTP caches are kept out in any case.
      ...noHttpCachingPlugins(),
      // An answer that an outage emptied completely is a 503 with Retry-After (partial answers stay 200).
      unavailableStatusPlugin(deps.config.RETRY_AFTER_SECONDS),
      ...(deps.config.RESPONSE_CACHE
        ? [
            responseCachePlugin({
              cache: deps.cache,
              log,
              hints: publicCacheHints(),
              maxAgeCapSeconds: deps.config.RESPONSE_CACHE_MAX_AGE_SECONDS,
            }),
          ]
        : []),
    ],
    includeStacktraceInErrorResponses: false,
    // Shutdown is the process's business (it closes HTTP, then backends, in order), not each server's.
    stopOnTerminationSignals: false,
    logger: log,
    formatError: (formatted, error) => formatGatewayError(formatted, error, { config: deps.config, log }),
  });
  await server.start();
  if (deps.config.QUERY_PLAN_WARMUP) {
    await warmQueryPlans(gateway, [...loadManifest().values()], log);
  }
  return server;
}
