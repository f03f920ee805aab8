// Builds one subgraph: its schema (SDL + resolvers, wrapped by its permissions), an Apollo Server, and the
// context function that verifies the gateway's signed caller header. Three ways in: over HTTP (distributed mode,
// subgraphApp.ts) a signed request runs Apollo's HTTP pipeline; in one process the gateway's query plans and
// internal calls run the schema directly for a caller already known (executeDirect, directExecution.ts); and
// executeInProcess runs a signed request through the HTTP pipeline without a socket (what tests use).
import { readFileSync } from "node:fs";
import { ApolloServer, type GraphQLRequest, HeaderMap } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { type DocumentNode, type ExecutionResult, GraphQLError, parse } from "graphql";
import type { IRules } from "graphql-shield";
import {
  CALLER_HEADER,
  type Caller,
  CallerHeaderError,
  graphqlRequestBody,
  IN_PROCESS_METHOD,
  IN_PROCESS_PATH,
  verifyCaller,
} from "./caller.ts";
import type { SubgraphName } from "./config.ts";
import type { SubgraphContext, SubgraphDeps } from "./context.ts";
import { createDirectExecutor, type DirectRequest } from "./directExecution.ts";
import { dependencyOutage, maskError } from "./errors.ts";
import { refuseInvalidText } from "./inputHygiene.ts";
import { applyPermissions } from "./permissions.ts";
import { replayGuardFor } from "./replayGuard.ts";
import { requestIdFrom } from "./requestId.ts";
import { traceRootFields } from "./telemetry/resolverSpans.ts";
import { nameOperationSpan } from "./telemetry/tracing.ts";

export interface SubgraphModule<Loaders extends object = object, Services = unknown> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  // biome-ignore lint/suspicious/noExplicitAny: resolver maps are typed per subgraph; the platform only passes them on.
  resolvers: GraphQLResolverMap<any>;
  permissions: IRules;
  /** Long-lived adapters (upstream clients with their circuit breakers), built once per server. */
  createServices?: (deps: SubgraphDeps) => Services;
  /** Per-request DataLoaders: one batch, one SQL statement per entity type. */
  createLoaders: (deps: SubgraphDeps, caller: Caller, services: Services) => Loaders;
  /** Stops what createServices started (background loops), when the process shuts down. */
  stopServices?: (services: Services) => Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of subgraphs mixes modules with their own loaders and services.
export type AnySubgraphModule = SubgraphModule<any, any>;

/** SDL declared once in the platform (`platform/sdl/<name>.graphql`) for the subgraphs that use it. */
export type SharedSdl =
  | "accountErasure"
  | "cacheControl"
  | "ledger"
  | "pageInfo"
  | "problem"
  | "retentionReport";

/** Reads a subgraph's schema.graphql next to the module that calls it, with the platform's shared SDL it asks for. */
export function loadTypeDefs(
  moduleUrl: string,
  options: { shared?: readonly SharedSdl[] } = {},
): DocumentNode {
  const sources = [
    readFileSync(new URL("schema.graphql", moduleUrl), "utf8"),
    ...(options.shared ?? []).map((name) =>
      readFileSync(new URL(`./sdl/${name}.graphql`, import.meta.url), "utf8"),
    ),
  ];
  return parse(sources.join("\n"));
}

export interface SubgraphServer {
  name: SubgraphName;
  apollo: ApolloServer<SubgraphContext>;
  /**
   * Builds the per-request context from the request as received (headers, method, path and raw body, which the
   * signature covers); throws an UNAUTHENTICATED error without a valid signature made for this subgraph.
   */
  contextFromRequest: (request: ReceivedRequest) => Promise<SubgraphContext>;
  /**
   * Executes a signed GraphQL request through Apollo's HTTP pipeline without a socket, as the HTTP route does
   * (signature checked against IN_PROCESS_METHOD and IN_PROCESS_PATH). Single-process mode uses executeDirect.
   */
  executeInProcess: (request: GraphQLRequest, headers: HeaderMap) => Promise<InProcessResponse>;
  /**
   * Executes a GraphQL request for a caller known in this process (the gateway's own query plans in single-process
   * mode): no signed header to make and check, no HTTP pipeline, no JSON in between — see directExecution.ts.
   */
  executeDirect: (request: DirectRequest, caller: Caller, requestId?: string) => Promise<ExecutionResult>;
  /** Stops the Apollo Server, then the module's background services. */
  stop: () => Promise<void>;
}

export interface ReceivedRequest {
  headers: HeaderMap;
  method: string;
  /** Path and query string. */
  path: string;
  /** The raw body ("" for a GET). */
  body: string | Buffer;
}

export interface InProcessResponse {
  status: number;
  body: string;
}

export async function createSubgraphServer(
  module: SubgraphModule,
  deps: SubgraphDeps,
): Promise<SubgraphServer> {
  const schema = traceRootFields(
    refuseInvalidText(
      applyPermissions(
        buildSubgraphSchema({ typeDefs: module.typeDefs, resolvers: module.resolvers }),
        module.permissions,
      ),
    ),
  );
  const log = deps.log.child({ subgraph: module.name });
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    // The gateway owns the public surface and its own introspection setting; a subgraph answers only signed
    // requests, so only the platform's own callers can introspect it.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Shutdown is the process's business (it closes HTTP, then backends, in order), not each server's.
    stopOnTerminationSignals: false,
    // Federated tracing (ftv1) is for Apollo GraphOS, which Parvis does not report to; it costs every request.
    // Cache-control hints are read from the SDL by the gateway's response cache (gateway/responseCache/); computing
    // them per field and per request here (Apollo's default plugin) would cost every resolver and say nothing more.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // Over HTTP, the request's span is named as direct execution names it (directExecution.ts).
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ operation }) {
              nameOperationSpan({ type: operation?.operation ?? "query", subgraph: module.name });
            },
          };
        },
      },
    ],
    formatError: (formatted, error) => {
      const outage = dependencyOutage(error);
      if (outage) log.warn({ dependency: outage, err: error }, "dependency unavailable");
      else if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR" || !formatted.extensions?.code) {
        log.error({ err: error }, "unexpected resolver error");
      }
      return maskError(formatted, undefined, error);
    },
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
  });
  await apollo.start();
  const services = module.createServices?.(deps);

  const contextFor = (caller: Caller, requestId: string): SubgraphContext => ({
    ...deps,
    log: log.child({ requestId }),
    caller,
    requestId,
    loaders: module.createLoaders(deps, caller, services),
  });

  // One nonce namespace for every subgraph, in the shared cache, with a bounded in-process fallback.
  const replayGuard = replayGuardFor({
    cache: deps.cache,
    log: deps.log.child({ component: "replay-guard" }),
    maxEntries: deps.config.CALLER_NONCE_WINDOW_MAX_ENTRIES,
  });
  const contextFromRequest = async (request: ReceivedRequest): Promise<SubgraphContext> => {
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    let caller: Caller;
    try {
      caller = await verifyCaller(request.headers.get(CALLER_HEADER), {
        secret: deps.config.CALLER_SIGNING_SECRET,
        previousSecret: deps.config.CALLER_SIGNING_SECRET_PREVIOUS,
        maxAgeSeconds: deps.config.CALLER_HEADER_MAX_AGE_SECONDS,
        request: { audience: module.name, method: request.method, path: request.path, body: request.body },
        rememberNonce: (nonce, issuedAt, ttl) => replayGuard.remember(nonce, issuedAt, ttl),
      });
    } catch (error) {
      if (error instanceof CallerHeaderError) {
        log.warn({ requestId, reason: error.reason }, "refused a request without a valid gateway signature");
        throw new GraphQLError("Requête refusée : elle doit passer par la passerelle Parvis.", {
          extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
        });
      }
      throw error;
    }
    return contextFor(caller, requestId);
  };

  const executeInProcess = async (
    request: GraphQLRequest,
    headers: HeaderMap,
  ): Promise<InProcessResponse> => {
    const httpHeaders = new HeaderMap(headers);
    httpHeaders.set("content-type", "application/json");
    // The body as it would arrive over HTTP, serialised as every signer serialises it: the signature covers it.
    const raw = graphqlRequestBody(request);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: IN_PROCESS_METHOD,
        headers: httpHeaders,
        search: "",
        body: JSON.parse(raw),
      },
      context: () =>
        contextFromRequest({
          headers: httpHeaders,
          method: IN_PROCESS_METHOD,
          path: IN_PROCESS_PATH,
          body: raw,
        }),
    });
    let text = "";
    if (response.body.kind === "complete") text = response.body.string;
    else for await (const chunk of response.body.asyncIterator) text += chunk;
    return { status: response.status ?? 200, body: text };
  };

  const executeDirect = createDirectExecutor({ name: module.name, schema, log, contextFor });

  const stop = async () => {
    await apollo.stop();
    if (services !== undefined) await module.stopServices?.(services);
  };

  return { name: module.name, apollo, contextFromRequest, executeInProcess, executeDirect, stop };
}
