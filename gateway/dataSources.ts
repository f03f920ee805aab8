// How the gateway reaches subgraphs. Both data sources sign the caller for every fetch (a fresh nonce each time),
// so a subgraph verifies exactly the same header whether it runs in this process or behind HTTP.

import {
  type GraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from "@apollo/gateway";
import { HeaderMap } from "@apollo/server";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { ANONYMOUS, CALLER_HEADER, type Caller, signCaller } from "../subgraphs/kit/caller.ts";
import type { SubgraphServer } from "../subgraphs/kit/subgraphServer.ts";

export interface GatewayContext {
  caller: Caller;
  requestId: string;
  /** The client's address (rate limits); absent for the platform's own jobs. */
  clientIp?: string;
  /** The operation is one of the registered trusted documents (schema/operations/). */
  trustedDocument?: boolean;
}

export interface SigningOptions {
  secret: string;
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

/** Only the identity subgraph may learn the upstream subject. */
const SUBGRAPHS_TOLD_THE_SUBJECT = new Set(["identity"]);

function signedHeaders(
  subgraph: string,
  options: GraphQLDataSourceProcessOptions<GatewayContext>,
  secret: string,
): HeaderMap {
  const { caller: full, requestId } = callerOf(options);
  const { subject, ...withoutSubject } = full;
  const caller =
    SUBGRAPHS_TOLD_THE_SUBJECT.has(subgraph) && subject ? { ...withoutSubject, subject } : withoutSubject;
  const headers = new HeaderMap();
  headers.set(CALLER_HEADER, signCaller(caller, secret));
  if (requestId) headers.set("x-request-id", requestId);
  return headers;
}

/** Single-process mode: calls the subgraph's Apollo Server directly, with no socket and no serialisation to HTTP. */
export class InProcessDataSource implements GraphQLDataSource<GatewayContext> {
  readonly #server: SubgraphServer;
  readonly #secret: string;

  constructor(server: SubgraphServer, signing: SigningOptions) {
    this.#server = server;
    this.#secret = signing.secret;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { http: _http, ...request } = options.request;
    const headers = signedHeaders(this.#server.name, options, this.#secret);
    const response = await this.#server.executeInProcess(request, headers);
    return JSON.parse(response.body) as GatewayGraphQLResponse;
  }
}

/** Distributed mode: HTTP with keep-alive (the gateway's fetcher pools connections), the same signed header. */
export class SignedRemoteDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #secret: string;
  readonly #name: string;

  constructor(config: { url: string; name: string }, signing: SigningOptions) {
    super({ url: config.url });
    this.#secret = signing.secret;
    this.#name = config.name;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = signedHeaders(this.#name, options, this.#secret);
    for (const [name, value] of headers) options.request.http?.headers.set(name, value);
  }
}
