// How one subgraph asks another for something it owns (for example the reports subgraph asking the directory
// which quartier a point lies in): through the other subgraph's GraphQL API, never its tables, as the system
// caller. In single-process mode by direct execution, as the gateway's own query plans: no header to sign and
// verify, hence no replay nonce in the cache, so an unreachable Redis cannot fail a call that never leaves the
// process. Over HTTP in distributed mode, with a header signed for the target subgraph and the request's body.
import { CALLER_HEADER, graphqlRequestBody, SYSTEM, signCaller } from "./caller.ts";
import type { Config, SubgraphName } from "./config.ts";
import { subgraphUrl } from "./config.ts";
import type { SubgraphServer } from "./subgraphServer.ts";

export interface InternalClient {
  /** Runs an operation on another subgraph; throws InternalCallError on transport or GraphQL errors. */
  request<T>(subgraph: SubgraphName, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The subgraphs that hold personal data (they implement `_eraseAccountData`), for erasures. */
  readonly personalDataHolders: readonly SubgraphName[];
  /** How calls travel: in-process (`npm start`) or HTTP (distributed mode); processes pick their jobs by it. */
  readonly mode?: "in-process" | "http";
}

export class InternalCallError extends Error {
  override name = "InternalCallError";
  readonly subgraph: string;
  readonly codes: string[];
  constructor(subgraph: string, codes: string[], message: string) {
    super(message);
    this.subgraph = subgraph;
    this.codes = codes;
  }
}

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function unwrap<T>(subgraph: string, answer: Answer): T {
  if (answer.errors?.length) {
    const codes = answer.errors.map((error) => error.extensions?.code ?? "UNKNOWN");
    throw new InternalCallError(subgraph, codes, `${subgraph} answered ${codes.join(", ")}`);
  }
  return answer.data as T;
}

/** Single-process mode: the servers map is filled once every subgraph server exists (they need the client first). */
export function inProcessClient(
  _config: Config,
  servers: ReadonlyMap<string, SubgraphServer>,
  personalDataHolders: readonly SubgraphName[],
): InternalClient {
  return {
    personalDataHolders,
    mode: "in-process",
    async request(subgraph, query, variables) {
      const server = servers.get(subgraph);
      if (!server)
        throw new InternalCallError(subgraph, ["UNAVAILABLE"], `${subgraph} does not run in this process`);
      const result = await server.executeDirect({ query, variables: variables ?? null }, SYSTEM);
      return unwrap(subgraph, result as Answer);
    },
  };
}

/** Distributed mode: HTTP to SUBGRAPH_URL_<NAME>, bounded in time. */
export function httpClient(
  config: Config,
  personalDataHolders: readonly SubgraphName[],
  timeoutMs = 5_000,
): InternalClient {
  return {
    personalDataHolders,
    mode: "http",
    async request(subgraph, query, variables) {
      let answer: Answer;
      try {
        const url = new URL(subgraphUrl(config, subgraph));
        const body = graphqlRequestBody({ query, variables });
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            // Signed for this subgraph and this body only: captured, it is worth nothing anywhere else.
            [CALLER_HEADER]: signCaller(SYSTEM, config.CALLER_SIGNING_SECRET, {
              audience: subgraph,
              method: "POST",
              path: url.pathname + url.search,
              body,
            }),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        answer = (await response.json()) as Answer;
      } catch (error) {
        throw new InternalCallError(
          subgraph,
          ["UNAVAILABLE"],
          `${subgraph} unreachable: ${(error as Error).message}`,
        );
      }
      return unwrap(subgraph, answer);
    },
  };
}
