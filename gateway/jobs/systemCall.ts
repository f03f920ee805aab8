// The platform's own jobs call subgraphs as the system caller, through the same signed data sources as the
// gateway's query plans: a subgraph checks their signature like any other request's.

import { randomUUID } from "node:crypto";
import type { GraphQLDataSource } from "@apollo/gateway";
import { SYSTEM } from "../../platform/caller.ts";
import type { GatewayContext } from "../dataSources.ts";

export class SubgraphCallError extends Error {
  override name = "SubgraphCallError";
}

export async function callAsSystem<T>(
  dataSource: GraphQLDataSource<GatewayContext>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const context: GatewayContext = { caller: SYSTEM, requestId: `job-${randomUUID()}` };
  const response = await dataSource.process({
    kind: "incoming operation",
    request: { query, variables },
    context,
    incomingRequestContext: { context, overallCachePolicy: undefined },
  } as unknown as Parameters<GraphQLDataSource<GatewayContext>["process"]>[0]);
  if (response.errors?.length) {
    const codes = response.errors.map((error) => error.extensions?.code ?? "UNKNOWN").join(", ");
    throw new SubgraphCallError(`subgraph answered with errors: ${codes}`);
  }
  return response.data as T;
}
