// The one list of error codes every part of Parvis uses (see the README's "Errors" section).
// Unexpected errors are masked: clients get INTERNAL_SERVER_ERROR and a request id, never a message or a stack.
import { GraphQLError, type GraphQLFormattedError } from "graphql";

export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
  "UPSTREAM_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes Apollo Server itself produces for malformed requests; they are the client's fault and safe to show. */
const APOLLO_CLIENT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

const PUBLIC_CODES = new Set<string>([...ERROR_CODES, ...APOLLO_CLIENT_CODES]);

export function parvisError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const unauthenticated = (message = "Authentification requise.") =>
  parvisError("UNAUTHENTICATED", message);
export const forbidden = (message = "Accès refusé.") => parvisError("FORBIDDEN", message);
export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  parvisError("BAD_USER_INPUT", message, extensions);
export const notFound = (message = "Ressource introuvable.") => parvisError("NOT_FOUND", message);
export const upstreamUnavailable = (upstream: string) =>
  parvisError("UPSTREAM_UNAVAILABLE", `Le service ${upstream} est momentanément indisponible.`, { upstream });

/**
 * Apollo Server's formatError: keeps typed errors, masks everything else.
 * Apollo's own client-error codes (parse, validation, bad request) pass through; they say nothing internal.
 */
export function maskError(formatted: GraphQLFormattedError, requestId?: string): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code) && code !== "INTERNAL_SERVER_ERROR") {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code } };
  }
  return {
    message: "Erreur interne. Si elle persiste, communiquez l'identifiant de requête au support.",
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: "INTERNAL_SERVER_ERROR", ...(requestId ? { requestId } : {}) },
  };
}
