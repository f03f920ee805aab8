// Structured JSON logs (pino). Personal data never reaches a log: the fields that could carry it are redacted
// wherever they appear, and callers log pseudonymous account ids only. Errors are logged through one serializer
// that keeps what an operator needs (type, code, message, stack frames) and drops what carries a person's data:
// the SQL text and its parameters (`query`/`params` on PGlite's errors, `parameters`/`values` elsewhere), and
// PostgreSQL's `detail`/`where` (which quote the offending values). Quoted literals in a message are elided too
// ("invalid input syntax for type uuid: "Camille…"" → "…: "[redacted]"") — on PGlite and pg alike.
import { type DestinationStream, type Logger, pino } from "pino";
import { activeTraceIds } from "./telemetry/tracing.ts";

export type { Logger };

const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-parvis-caller"]',
  "headers.authorization",
  "authorization",
  "token",
  "accessToken",
  "idToken",
  "password",
  "email",
  "*.email",
  "*.password",
  "*.token",
  "variables",
  "params",
  "*.params",
  "query",
  "*.query",
];

/** Strings quoted in an error message (values PostgreSQL or Prisma echo back), and bearer tokens. */
const QUOTED = /"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|\beyJ[\w-]*(?:\.[\w-]*)*/g;

export function scrubMessage(message: string): string {
  return message.replace(QUOTED, (match) =>
    match.startsWith("eyJ") ? "[redacted]" : `${match[0]}[redacted]${match[0]}`,
  );
}

interface SerializedError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SerializedError;
}

/** An error as logged: no SQL, no parameters, no quoted values. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: "[non-error thrown]" };
  const message = scrubMessage(error.message);
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? "").split("\n").filter((line) => line.startsWith("    at "));
  const serialized: SerializedError = {
    type: error.name,
    message,
    ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}),
    ...(frames.length > 0 ? { stack: [`${error.name}: ${message}`, ...frames].join("\n") } : {}),
  };
  if (error.cause !== undefined && depth < 3) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

/**
 * The path of a request as logged: the pattern of the route it matched (`/open311/v2/*`, `/media/report-photos/:file`),
 * never the path sent nor its query string — a path can carry a secret (an Open311 tracking token) or a person's
 * words, a query string a GET operation's variables.
 */
export function loggedPath(request: { routeOptions?: { url?: string } }): string {
  return request.routeOptions?.url ?? "(no route)";
}

/** A request as logged: method and route pattern (see loggedPath). */
export function serializeRequest(request: {
  method?: string;
  routeOptions?: { url?: string };
  id?: unknown;
}) {
  return { method: request.method, path: loggedPath(request), id: request.id };
}

export function createLogger(options: {
  level: string;
  name?: string;
  /** Where lines go (stdout by default); tests capture them. */
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: options.name ? { service: options.name } : {},
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError, error: serializeError, req: serializeRequest },
      timestamp: pino.stdTimeFunctions.isoTime,
      // trace_id/span_id of the active span, when tracing is on: a log line leads to its trace and back.
      mixin: activeTraceIds,
    },
    options.destination,
  );
}
