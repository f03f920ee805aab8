// The one way to call a subgraph from inside the platform: a subgraph asking another for something it owns (the
// reports subgraph asking the directory which quartier a point lies in), the platform's jobs (retention, deleted
// accounts, directory synchronisation, the audit trail), and the HTTP routes a subgraph mounts (Open311, photo
// uploads and files). Always through the target's GraphQL API, never its tables, for a caller: the system by
// default, or the person or partner a route acts for.
// In single-process mode by direct execution, as the gateway's own query plans: no header to sign and verify, hence
// no replay nonce in the cache, so an unreachable Redis cannot fail a call that never leaves the process. Over HTTP
// in distributed mode, with a header signed for the target subgraph and the request's body. Both modes answer the
// same: the subgraph's data and errors as it gave them, and, when it cannot answer (down, too slow, not in this
// process), one UPSTREAM_UNAVAILABLE error naming it — as the gateway answers for a field it could not fetch.
import {
  CALLER_HEADER,
  type Caller,
  callerForSubgraph,
  graphqlRequestBody,
  SYSTEM,
  signCaller,
} from "./caller.ts";
import type { Config, SubgraphName } from "./config.ts";
import { subgraphUrl } from "./config.ts";
import type { Logger } from "./logger.ts";
import { requestIdFrom } from "./requestId.ts";
import { injectTraceContext } from "./telemetry/tracing.ts";

/** One error of a subgraph's answer, as GraphQL formats it. */
export interface SubgraphError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface SubgraphAnswer<T> {
  data: T | null;
  errors: SubgraphError[];
}

export interface CallOptions {
  /** Who the call is made for; the system caller when absent. */
  caller?: Caller;
  /** Correlates the subgraph's logs with the request that caused the call. */
  requestId?: string;
}

/** What a subgraph's resolvers see of the client (`ctx.internal`): data, or an InternalCallError. */
export interface InternalClient {
  /** Runs an operation on a subgraph and answers its data; throws InternalCallError when the answer has errors. */
  request<T>(
    subgraph: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<T>;
  /** The subgraphs that hold personal data (they implement `_eraseAccountData`), for erasures. */
  readonly personalDataHolders: readonly SubgraphName[];
  /** How calls travel: in-process (`npm start`) or HTTP (distributed mode); processes pick their jobs by it. */
  readonly mode?: "in-process" | "http";
}

/** The whole client, for the jobs and HTTP routes that read an answer's errors themselves. */
export interface SubgraphClient extends InternalClient {
  /** Runs an operation on a subgraph and answers as it did: data and errors (UPSTREAM_UNAVAILABLE when it cannot). */
  execute<T>(
    subgraph: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<SubgraphAnswer<T>>;
}

export class InternalCallError extends Error {
  override name = "InternalCallError";
  readonly subgraph: string;
  readonly codes: string[];
  /** The answer's errors (absent for a call that could not be made). */
  readonly errors: SubgraphError[];
  constructor(subgraph: string, codes: string[], message: string, errors: SubgraphError[] = []) {
    super(message);
    this.subgraph = subgraph;
    this.codes = codes;
    this.errors = errors;
  }
}

/** The data of an answer, or an InternalCallError carrying its errors (an answer without data is one too). */
export function dataOf<T>(subgraph: string, answer: SubgraphAnswer<T>): T {
  if (answer.errors.length > 0 || answer.data === null) {
    const codes = answer.errors.map((error) => error.extensions?.code ?? "UNKNOWN");
    throw new InternalCallError(subgraph, codes, `${subgraph} answered ${codes.join(", ")}`, answer.errors);
  }
  return answer.data;
}

/** The answer of a call that could not be made: the same error the gateway gives a field it could not fetch. */
export function unavailableAnswer(subgraph: string): SubgraphAnswer<never> {
  return {
    data: null,
    errors: [
      {
        message: `Le service ${subgraph} est momentanément indisponible.`,
        extensions: { code: "UPSTREAM_UNAVAILABLE", subgraph },
      },
    ],
  };
}

export interface ClientOptions {
  /** A call without an answer within this time is abandoned as unavailable (default SUBGRAPH_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Where calls that could not be made are logged (with their reason, which the answer never tells). */
  log?: Logger;
}

type Transport = (
  subgraph: string,
  request: { query: string; variables: Record<string, unknown> | undefined },
  caller: Caller,
  requestId: string,
  timeoutMs: number,
) => Promise<{ data?: unknown; errors?: SubgraphError[] }>;

class SubgraphUnavailable extends Error {
  override name = "SubgraphUnavailable";
}

function clientOver(
  transport: Transport,
  mode: "in-process" | "http",
  personalDataHolders: readonly SubgraphName[],
  options: ClientOptions & { timeoutMs: number },
): SubgraphClient {
  const { timeoutMs } = options;
  async function execute<T>(
    subgraph: string,
    query: string,
    variables?: Record<string, unknown>,
    call: CallOptions = {},
  ): Promise<SubgraphAnswer<T>> {
    // Only the identity subgraph may learn a person's upstream subject, whoever calls.
    const caller = callerForSubgraph(subgraph, call.caller ?? SYSTEM);
    const requestId = call.requestId ?? requestIdFrom(undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        transport(subgraph, { query, variables }, caller, requestId, timeoutMs),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new SubgraphUnavailable(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      return { data: (answer.data as T | undefined) ?? null, errors: answer.errors ?? [] };
    } catch (error) {
      const { name, message, code } = error as { name?: string; message?: string; code?: string };
      options.log?.warn(
        { subgraph, requestId, reason: { name, code, message } },
        "subgraph call not answered",
      );
      return unavailableAnswer(subgraph);
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    personalDataHolders,
    mode,
    execute,
    async request<T>(
      subgraph: string,
      query: string,
      variables?: Record<string, unknown>,
      call?: CallOptions,
    ) {
      return dataOf(subgraph, await execute<T>(subgraph, query, variables, call));
    },
  };
}

/**
 * What single-process mode needs of a subgraph server (platform/subgraphServer.ts): its direct execution. Declared
 * here rather than imported, because the server's context carries this client: the two would import each other.
 */
export interface DirectlyExecutable {
  executeDirect(
    request: { query?: string; variables?: Record<string, unknown> | null },
    caller: Caller,
    requestId?: string,
  ): Promise<{ data?: unknown; errors?: readonly unknown[] }>;
}

/** Single-process mode: the servers map is filled once every subgraph server exists (they need the client first). */
export function inProcessClient(
  config: Config,
  servers: ReadonlyMap<string, DirectlyExecutable>,
  personalDataHolders: readonly SubgraphName[],
  options: ClientOptions = {},
): SubgraphClient {
  const transport: Transport = async (subgraph, request, caller, requestId) => {
    const server = servers.get(subgraph);
    if (!server) throw new SubgraphUnavailable(`${subgraph} does not run in this process`);
    const result = await server.executeDirect(
      { query: request.query, variables: request.variables ?? null },
      caller,
      requestId,
    );
    return result as { data?: unknown; errors?: SubgraphError[] };
  };
  return clientOver(transport, "in-process", personalDataHolders, {
    ...options,
    timeoutMs: options.timeoutMs ?? config.SUBGRAPH_TIMEOUT_MS,
  });
}

/**
 * Distributed mode: HTTP to each subgraph's URL (SUBGRAPH_URL_<NAME>, or the gateway's routing table), bounded in
 * time. A GraphQL answer is read whatever its HTTP status (a subgraph answers 400 for bad variables, as the direct
 * execution answers the same errors); anything else is the subgraph unavailable.
 */
export function httpClient(
  config: Config,
  personalDataHolders: readonly SubgraphName[],
  options: ClientOptions & { urls?: ReadonlyMap<string, string> } = {},
): SubgraphClient {
  const urlOf = (subgraph: string) =>
    options.urls?.get(subgraph) ?? subgraphUrl(config, subgraph as SubgraphName);
  const transport: Transport = async (subgraph, request, caller, requestId, timeoutMs) => {
    const url = new URL(urlOf(subgraph));
    const body = graphqlRequestBody(request);
    const traceHeaders: Record<string, string> = {};
    // The caller's trace goes on in the subgraph (W3C traceparent), as through direct execution.
    injectTraceContext((name, value) => {
      traceHeaders[name] = value;
    });
    const response = await fetch(url, {
      method: "POST",
      headers: {
        ...traceHeaders,
        "content-type": "application/json",
        "x-request-id": requestId,
        // Signed for this subgraph and this body only: captured, it is worth nothing anywhere else.
        [CALLER_HEADER]: signCaller(caller, config.CALLER_SIGNING_SECRET, {
          audience: subgraph,
          method: "POST",
          path: url.pathname + url.search,
          body,
        }),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.json().catch(() => null)) as { data?: unknown; errors?: unknown } | null;
    if (!answer || typeof answer !== "object" || (!("data" in answer) && !Array.isArray(answer.errors))) {
      throw new SubgraphUnavailable(`${subgraph} answered HTTP ${response.status} without a GraphQL body`);
    }
    return answer as { data?: unknown; errors?: SubgraphError[] };
  };
  return clientOver(transport, "http", personalDataHolders, {
    ...options,
    timeoutMs: options.timeoutMs ?? config.SUBGRAPH_TIMEOUT_MS,
  });
}
