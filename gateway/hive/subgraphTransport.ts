// How Hive Gateway reaches the subgraphs, with the same guarantees as @apollo/gateway's data sources
// (gateway/dataSources.ts):
// - distributed mode: @graphql-mesh/transport-http, and an `onFetch` plugin that signs the caller for each fetch
//   (platform/caller.ts: audience = the target subgraph, the request's method, path and body digest) and turns a
//   fetch that fails, times out or answers a non-2xx into one UPSTREAM_UNAVAILABLE error per field asked for;
// - single-process mode: a transport that executes the subgraph's schema directly for the caller the gateway
//   authenticated (SubgraphServer.executeDirect), as InProcessDataSource does.

import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import httpTransport from "@graphql-mesh/transport-http";
import { createGraphQLError, type ExecutionRequest, type ExecutionResult } from "@graphql-tools/utils";
import { type DocumentNode, type GraphQLFormattedError, print } from "graphql";
import {
  ANONYMOUS,
  CALLER_HEADER,
  type Caller,
  callerForSubgraph,
  signCaller,
} from "../../platform/caller.ts";
import type { Logger } from "../../platform/logger.ts";
import type { SubgraphServer } from "../../platform/subgraphServer.ts";
import { injectTraceContext } from "../../platform/telemetry/tracing.ts";
import type { GatewayContext } from "../dataSources.ts";
import type { SubgraphTargets } from "../gatewayServer.ts";
import { guardFetch, unavailableResult } from "../unavailableSubgraph.ts";

export interface TransportDeps {
  targets: SubgraphTargets;
  secret: string;
  timeoutMs: number;
  log: Logger;
  /** Merge identical in-flight subgraph queries (distributed mode only; see gateway/engine.ts). */
  dedupeInflight: boolean;
}

/** The Parvis context a fetch runs in: the request's, or none for the gateway's own work (anonymous then). */
function parvisContext(context: unknown): Partial<GatewayContext> {
  return (context ?? {}) as Partial<GatewayContext>;
}

/** The caller's key for merging in-flight requests: only requests of one and the same caller share an answer. */
export function dedupeKeyOf(subgraph: string, caller: Caller): string {
  return JSON.stringify(callerForSubgraph(subgraph, caller));
}

/** Options of createGatewayRuntime for the subgraphs: transports and their entries. */
export function subgraphTransports(deps: TransportDeps) {
  const { targets } = deps;
  if (targets.mode === "in-process") {
    return {
      transports: () => ({
        getSubgraphExecutor: ({ subgraphName }: { subgraphName: string }) =>
          inProcessExecutor(subgraphName, targets.servers, deps),
      }),
    };
  }
  return {
    transports: { http: httpTransport },
    // Routing URLs come from configuration, never from the supergraph file, as with @apollo/gateway.
    transportEntries: Object.fromEntries(
      [...targets.urls].map(([name, url]) => [
        name,
        {
          location: url,
          // Hive merges identical in-flight queries by URL and body only: two callers asking the same thing at the
          // same time would share one caller's answer. Merging, when asked for, is keyed by the caller too.
          ...(deps.dedupeInflight
            ? { headers: [["x-parvis-dedupe", `{context.dedupeKeys.${name}}`]] as [string, string][] }
            : {}),
          options: { deduplicateInflightRequests: deps.dedupeInflight },
        },
      ]),
    ),
  };
}

function inProcessExecutor(name: string, servers: ReadonlyMap<string, SubgraphServer>, deps: TransportDeps) {
  const server = servers.get(name);
  if (!server) throw new Error(`Supergraph names subgraph "${name}", which this process does not run`);
  const texts = new WeakMap<DocumentNode, string>();
  const textOf = (document: DocumentNode) => {
    let text = texts.get(document);
    if (text === undefined) {
      text = print(document);
      texts.set(document, text);
    }
    return text;
  };
  return (request: ExecutionRequest): Promise<ExecutionResult> => {
    const context = parvisContext(request.context);
    const caller = callerForSubgraph(name, context.caller ?? ANONYMOUS);
    const fetch = { document: request.document, variables: request.variables };
    return guardFetch(
      name,
      deps.timeoutMs,
      deps.log,
      async () =>
        asExecutionResult(
          await server.executeDirect(
            {
              query: textOf(request.document),
              variables: request.variables ?? null,
              operationName: request.operationName ?? null,
            },
            caller,
            context.requestId,
          ),
        ),
      () => asExecutionResult(unavailableResult(name, fetch) as ExecutionResult),
    );
  };
}

/**
 * Errors as Hive's planners expect them from a transport: GraphQLError instances, as the HTTP transport makes them
 * of the JSON it reads (executeDirect answers formatted errors, as a subgraph does over HTTP).
 */
function asExecutionResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const { message, path, extensions } = error as GraphQLFormattedError;
      return createGraphQLError(message, {
        ...(path ? { path } : {}),
        ...(extensions ? { extensions } : {}),
      });
    }),
  };
}

/** Distributed mode: the caller signed for each fetch, and a failed fetch answered as unavailable. */
export function signingPlugin(deps: TransportDeps): GatewayPlugin {
  const { targets } = deps;
  const names = new Map(targets.mode === "http" ? [...targets.urls].map(([name, url]) => [url, name]) : []);
  return {
    onFetch({ url, options, setOptions, context, executionRequest, fetchFn, setFetchFn }) {
      const subgraph = names.get(url);
      if (!subgraph) return;
      const { caller, requestId } = parvisContext("request" in context ? context : undefined);
      const body = typeof options.body === "string" ? options.body : "";
      const method = (options.method ?? "POST").toUpperCase();
      const target = new URL(url);
      const headers = new Headers(options.headers as HeadersInit | undefined);
      headers.delete("x-parvis-dedupe");
      headers.set(
        CALLER_HEADER,
        signCaller(callerForSubgraph(subgraph, caller ?? ANONYMOUS), deps.secret, {
          audience: subgraph,
          method,
          path: target.pathname + target.search,
          body,
        }),
      );
      if (requestId) headers.set("x-request-id", requestId);
      // The fetch itself is abandoned at the deadline, so that a hung subgraph holds no socket.
      setOptions({
        ...options,
        headers: Object.fromEntries(headers),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      const unavailable = () =>
        Response.json(
          unavailableResult(subgraph, {
            document: executionRequest?.document,
            variables: executionRequest?.variables,
          }),
        );
      setFetchFn((input, init, ...rest) =>
        guardFetch(
          subgraph,
          deps.timeoutMs,
          deps.log,
          async () => {
            // Inside the fetch's span (guardFetch): its W3C traceparent, so the subgraph's spans join the trace.
            const headers = new Headers(init?.headers as HeadersInit | undefined);
            injectTraceContext((header, value) => headers.set(header, value));
            const response = await fetchFn(input, { ...init, headers: Object.fromEntries(headers) }, ...rest);
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
            return response;
          },
          unavailable,
        ),
      );
    },
  };
}
