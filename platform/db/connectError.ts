// Turns a failed first connection into one line a person can act on. The URL is never echoed (it may hold a
// password): only host, port, database and user names appear.

export class DatabaseConnectError extends Error {
  override name = "DatabaseConnectError";
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined) {
    super(message);
    this.code = code;
  }
}

export function describeConnectError(error: unknown, url: URL, timeoutMs: number): DatabaseConnectError {
  const code = errorCode(error);
  const where = `${url.hostname}:${url.port || "5432"}`;
  const database = decodeURIComponent(url.pathname.slice(1)) || "(default)";
  const user = decodeURIComponent(url.username) || "(default)";
  const message = ((): string => {
    switch (code) {
      case "ECONNREFUSED":
        return `Cannot reach PostgreSQL at ${where} (DATABASE_URL): connection refused — start the server or fix DATABASE_URL`;
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return `Cannot reach PostgreSQL at ${where} (DATABASE_URL): unknown host "${url.hostname}" — fix the host in DATABASE_URL`;
      case "ETIMEDOUT":
      case "TIMEOUT":
        return `Cannot reach PostgreSQL at ${where} (DATABASE_URL): no answer within ${timeoutMs / 1000} s — check the server and the network, or fix DATABASE_URL`;
      case "EHOSTUNREACH":
      case "ENETUNREACH":
        return `Cannot reach PostgreSQL at ${where} (DATABASE_URL): host unreachable — check the network, or fix DATABASE_URL`;
      case "28P01":
      case "28000":
        return `PostgreSQL at ${where} refused user "${user}" (DATABASE_URL): authentication failed — fix the user or password in DATABASE_URL`;
      case "3D000":
        return `Database "${database}" does not exist on PostgreSQL at ${where} (DATABASE_URL) — create it (createdb ${database}) or fix DATABASE_URL`;
      case "53300":
        return `PostgreSQL at ${where} has too many connections (DATABASE_URL) — lower DATABASE_POOL_MAX or raise max_connections`;
      default:
        return `Cannot connect to PostgreSQL at ${where} (DATABASE_URL): ${safeReason(error, url)} — check the server or fix DATABASE_URL`;
    }
  })();
  return new DatabaseConnectError(message, code);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string") return code;
  // pg reports its own connectionTimeoutMillis as a plain Error without a code.
  if (typeof message === "string" && /timeout/i.test(message)) return "TIMEOUT";
  // A refused connection to several addresses (localhost → ::1 and 127.0.0.1) arrives as an AggregateError.
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  return undefined;
}

/** First line of the driver's message, with anything that looks like the URL or its password removed. */
function safeReason(error: unknown, url: URL): string {
  let reason = error instanceof Error ? error.message : String(error);
  reason = reason.split("\n")[0] ?? "";
  const secrets = [url.href, decodeURIComponent(url.password), url.password].filter(
    (secret) => secret.length > 0,
  );
  for (const secret of secrets) reason = reason.split(secret).join("***");
  return reason || "unknown error";
}
