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
  "UNAVAILABLE",
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
 * Outages, not bugs: a subgraph (or a system of the city) that cannot answer is UPSTREAM_UNAVAILABLE; the
 * platform's own database or cache is UNAVAILABLE. Both are worth retrying — with the same idempotency key for a
 * mutation — and the gateway tells clients when (`retryable`, `retryAfterSeconds`, see withRetryHint).
 */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(["UPSTREAM_UNAVAILABLE", "UNAVAILABLE"]);

export const UNAVAILABLE_MESSAGE = "Service momentanément indisponible : réessayez dans quelques instants.";

/** Marks a retryable error as such for clients; other errors are returned unchanged. */
export function withRetryHint(
  formatted: GraphQLFormattedError,
  retryAfterSeconds: number,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code !== "string" || !RETRYABLE_CODES.has(code)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, retryable: true, retryAfterSeconds } };
}

/** Connection-level failures of PostgreSQL and its drivers (pg, Prisma's adapters): the server is not reachable. */
const DATABASE_OUTAGE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08006",
  "53300", // too_many_connections
  "P1001", // Prisma: can't reach database server
  "P1002", // Prisma: database server timed out
  "P1017", // Prisma: server closed the connection
  "P2024", // Prisma: timed out fetching a connection from the pool
]);
const DATABASE_OUTAGE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|Connection refused|connect ECONNREFUSED|DatabaseNotReachable|ConnectionClosed|Client has encountered a connection error/i;

/**
 * Which of the platform's own backends failed, if the error (or one of its causes) says the backend is
 * unreachable rather than the request wrong: "cache" for the cache port's CacheError, "database" for connection
 * failures of PostgreSQL. Anything else (a constraint, a bug) is not an outage and stays masked.
 */
export function dependencyOutage(error: unknown, depth = 0): "database" | "cache" | undefined {
  if (typeof error !== "object" || error === null || depth > 6) return undefined;
  const candidate = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    kind?: unknown;
    cause?: unknown;
    originalError?: unknown;
    errors?: unknown;
  };
  if (candidate.name === "CacheError") return "cache";
  if (typeof candidate.code === "string" && DATABASE_OUTAGE_CODES.has(candidate.code)) return "database";
  if (typeof candidate.kind === "string" && DATABASE_OUTAGE_MESSAGE.test(candidate.kind)) return "database";
  if (typeof candidate.message === "string" && DATABASE_OUTAGE_MESSAGE.test(candidate.message))
    return "database";
  const nested = [
    candidate.originalError,
    candidate.cause,
    ...(Array.isArray(candidate.errors) ? candidate.errors : []),
  ];
  for (const inner of nested) {
    const found = dependencyOutage(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Apollo Server's formatError: keeps typed errors, masks everything else.
 * Apollo's own client-error codes (parse, validation, bad request) pass through; they say nothing internal.
 * With the original error, an outage of the database or the cache becomes UNAVAILABLE (message masked too).
 */
export function maskError(
  formatted: GraphQLFormattedError,
  requestId?: string,
  original?: unknown,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if ((code === "INTERNAL_SERVER_ERROR" || code === undefined) && dependencyOutage(original)) {
    return {
      message: UNAVAILABLE_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "UNAVAILABLE", ...(requestId ? { requestId } : {}) },
    };
  }
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
