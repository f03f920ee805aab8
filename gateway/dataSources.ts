// How the gateway reaches subgraphs: over HTTP with the caller signed for every fetch (a fresh nonce each time), or,
// in single-process mode, by executing the subgraph's schema directly for the caller the gateway authenticated.

import {
  type GraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from "@apollo/gateway";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { ANONYMOUS, CALLER_HEADER, type Caller, callerForSubgraph, signCaller } from "../platform/caller.ts";
import type { Logger } from "../platform/logger.ts";
import type { SubgraphServer } from "../platform/subgraphServer.ts";
import { injectTraceContext } from "../platform/telemetry/tracing.ts";
import { withDedupedRepresentations } from "./entityDedup.ts";
import { guardSubgraphFetch } from "./unavailableSubgraph.ts";

export interface GatewayContext {
  caller: Caller;
  requestId: string;
  /** The client's address (rate limits); absent for the platform's own jobs. */
  clientIp?: string;
  /** The operation is one of the registered trusted documents (schema/operations/). */
  trustedDocument?: boolean;
  /** Set once the engine's telemetry plugin counted the operation; what it never saw, the gateway app counts. */
  telemetry?: { recorded: boolean };
}

export interface SigningOptions {
  secret: string;
}

/** What to do when a subgraph cannot answer (gateway/unavailableSubgraph.ts): wait at most this long, then log. */
export interface FetchGuard {
  timeoutMs: number;
  log: Logger;
}

/** The caller a fetch runs as: the request's caller, or anonymous for the gateway's own health checks. */
function callerOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): {
  caller: Caller;
  requestId?: string;
} {
  // GraphQLDataSourceRequestKind is a const enum @apollo/gateway does not export: compare with its value.
  if ((options.kind as string) === "incoming operation") {
    const context = options.context as GatewayContext;
    return { caller: context.caller, requestId: context.requestId };
  }
  return { caller: ANONYMOUS };
}

/**
 * Single-process mode: executes the subgraph's schema directly (platform/directExecution.ts) for the caller the
 * gateway authenticated — no header to sign and verify, no HTTP pipeline, no JSON in between. The subgraph's
 * permissions, context, validation and error masking are the same as over HTTP.
 */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  readonly #server: SubgraphServer;
  readonly #guard: FetchGuard;

  constructor(server: SubgraphServer, guard: FetchGuard) {
    this.#server = server;
    this.#guard = guard;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { caller, requestId } = callerOf(options);
    const subgraphCaller = callerForSubgraph(this.#server.name, caller);
    const { timeoutMs, log } = this.#guard;
    return guardSubgraphFetch(this.#server.name, options, timeoutMs, log, () =>
      withDedupedRepresentations(
        options.request,
        async (request) =>
          (await this.#server.executeDirect(request, subgraphCaller, requestId)) as GatewayGraphQLResponse,
      ),
    );
  }
}

/**
 * Distributed mode: HTTP with keep-alive (the gateway's fetcher pools connections). Each fetch carries the caller
 * signed for this subgraph (the audience) and for this very request: method, the URL's path and the body.
 */
export class SignedRemoteDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #secret: string;
  readonly #name: string;
  readonly #guard: FetchGuard;

  constructor(config: { url: string; name: string }, signing: SigningOptions, guard: FetchGuard) {
    super({ url: config.url });
    this.#secret = signing.secret;
    this.#name = config.name;
    this.#guard = guard;
    // The fetch itself is abandoned at the same deadline, so that a hung subgraph holds no socket.
    const fetcher = this.fetcher;
    this.fetcher = ((url: string, init?: Record<string, unknown>) =>
      fetcher(url, { ...init, signal: AbortSignal.timeout(guard.timeoutMs) } as never)) as typeof fetcher;
  }

  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { timeoutMs, log } = this.#guard;
    return guardSubgraphFetch(this.#name, options, timeoutMs, log, () =>
      withDedupedRepresentations(options.request, (request) => super.process({ ...options, request })),
    );
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { http, query, ...rest } = options.request;
    if (!http) return;
    const { caller, requestId } = callerOf(options);
    const url = new URL(http.url);
    // The body RemoteGraphQLDataSource sends next (with apq off, as here): JSON of the request without `http`, the
    // query first. Any difference would be refused by the subgraph, so every distributed-mode test checks this.
    const body = JSON.stringify({ query, ...rest });
    const header = signCaller(callerForSubgraph(this.#name, caller), this.#secret, {
      audience: this.#name,
      method: http.method,
      path: url.pathname + url.search,
      body,
    });
    http.headers.set(CALLER_HEADER, header);
    if (requestId) http.headers.set("x-request-id", requestId);
    // W3C traceparent of this fetch's span: the subgraph's spans join the gateway's trace.
    injectTraceContext((name, value) => http.headers.set(name, value));
  }
}
