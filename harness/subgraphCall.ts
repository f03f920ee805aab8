// Calls one subgraph directly, bypassing the gateway — with a header signed like the gateway's, or forged.
import { HeaderMap } from "@apollo/server";
import { ANONYMOUS, CALLER_HEADER, type Caller, signInProcessCall } from "../platform/caller.ts";
import type { SubgraphServer } from "../platform/subgraphServer.ts";

export interface DirectCallOptions {
  caller?: Caller;
  /** A raw header value instead of a correctly signed one (forged, expired, replayed…). */
  header?: string | null;
  secret: string;
}

export async function callSubgraph(
  server: SubgraphServer,
  query: string,
  variables: Record<string, unknown> | undefined,
  options: DirectCallOptions,
): Promise<{
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}> {
  const headers = new HeaderMap();
  const header =
    options.header === undefined
      ? signInProcessCall(options.caller ?? ANONYMOUS, options.secret, server.name, { query, variables })
      : options.header;
  if (header !== null) headers.set(CALLER_HEADER, header);
  const response = await server.executeInProcess({ query, variables }, headers);
  return { status: response.status, body: JSON.parse(response.body) };
}
