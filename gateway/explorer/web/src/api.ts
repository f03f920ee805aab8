/// <reference lib="dom" />
// Requests to the gateway's /graphql with the agent's access token: GraphiQL's fetcher and the panel's own calls.
// A 401 (the token expired or was revoked) ends the session and brings the sign-in screen back.
import type { Fetcher } from "@graphiql/toolkit";
import type { IntrospectionQuery } from "graphql";
import { currentSession, endSession } from "./session.ts";

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class SessionExpired extends Error {}

export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
): Promise<GraphQLResponse<T>> {
  const session = currentSession();
  if (!session) return expired();
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
  });
  if (response.status === 401) return expired();
  return (await response.json()) as GraphQLResponse<T>;
}

function expired(): never {
  endSession("Votre session a expiré : reconnectez-vous.");
  location.reload();
  throw new SessionExpired();
}

/** Names of the operations a document defines (cheap scan; the server parses for real). */
function operationNames(query: string): string[] {
  return [...query.matchAll(/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g)].map(
    (match) => match[1] ?? "",
  );
}

/**
 * GraphiQL's fetcher. GraphiQL may still hold the previous document's operation name for a moment after an
 * investigation replaced the editor's text: a name the document does not define is dropped (one operation runs).
 */
export const fetcher: Fetcher = async (params) => {
  const name =
    params.operationName && operationNames(params.query).includes(params.operationName)
      ? params.operationName
      : null;
  // The answer as JSON (formatted errors), which GraphiQL reads as it reads an ExecutionResult; graphql-ws's
  // types, when installed, make the toolkit's Fetcher type ask for GraphQLError instances.
  return graphql(
    params.query,
    (params.variables ?? {}) as Record<string, unknown>,
    name,
  ) as unknown as ReturnType<Fetcher>;
};

/** The API schema for GraphiQL (documentation, completion, validation), from the gateway's staff-only route. */
export async function loadSchema(): Promise<IntrospectionQuery> {
  const session = currentSession();
  if (!session) return expired();
  const response = await fetch("/explorer/schema.json", {
    headers: { authorization: `Bearer ${session.accessToken}` },
  });
  if (response.status === 401) return expired();
  if (!response.ok) throw new Error("Le schéma n'a pas pu être chargé.");
  return (await response.json()) as IntrospectionQuery;
}
