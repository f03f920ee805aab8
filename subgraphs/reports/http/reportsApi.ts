// How the HTTP routes of the reports subgraph (photo uploads, photo files, Open311) use it: through its GraphQL
// API, on the gateway's signed data source, with the caller they act for (a person, a partner, anonymous, or
// the platform itself). The subgraph verifies the signature and applies its permissions as for any request —
// the routes never touch its tables.
import { randomUUID } from "node:crypto";
import type { GraphQLDataSource } from "@apollo/gateway";
import type { GatewayContext } from "../../../gateway/dataSources.ts";
import type { Caller } from "../../../platform/caller.ts";

export interface ApiError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface ApiResult<T> {
  data: T | null;
  errors: ApiError[];
}

export interface ReportsApi {
  execute<T>(
    query: string,
    variables: Record<string, unknown>,
    caller: Caller,
    requestId?: string,
  ): Promise<ApiResult<T>>;
}

export function reportsApiOver(dataSource: GraphQLDataSource<GatewayContext>): ReportsApi {
  return {
    async execute<T>(query: string, variables: Record<string, unknown>, caller: Caller, requestId?: string) {
      const context: GatewayContext = { caller, requestId: requestId ?? `reports-http-${randomUUID()}` };
      const response = await dataSource.process({
        kind: "incoming operation",
        request: { query, variables },
        context,
        incomingRequestContext: { context, overallCachePolicy: undefined },
      } as unknown as Parameters<GraphQLDataSource<GatewayContext>["process"]>[0]);
      return {
        data: (response.data as T | undefined) ?? null,
        errors: (response.errors ?? []) as ApiError[],
      };
    },
  };
}

/** Thrown when the API answers with errors a route did not expect (mapped to 5xx / 400 by the route). */
export class ReportsApiError extends Error {
  override name = "ReportsApiError";
  readonly errors: ApiError[];
  constructor(errors: ApiError[]) {
    super(errors.map((error) => error.extensions?.code ?? "UNKNOWN").join(", "));
    this.errors = errors;
  }
}

/** The data, or a ReportsApiError when the answer carries errors. */
export async function dataOrThrow<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const { data, errors } = await result;
  if (errors.length > 0 || data === null) throw new ReportsApiError(errors);
  return data;
}
