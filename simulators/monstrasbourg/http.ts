// Small HTTP helpers shared by the simulator's routes: escaped HTML pages, form bodies, cookies, Basic auth.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A minimal French HTML page; `body` must already be escaped. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — MonStrasbourg.eu (simulateur)</title></head>
<body>
<header><p><strong>MonStrasbourg.eu</strong> — simulateur de développement, aucune donnée réelle</p></header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

export function sendHtml(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .header("Cache-Control", "no-store")
    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
    .type("text/html; charset=utf-8")
    .send(htmlPage(title, body));
}

/** A parsed `application/x-www-form-urlencoded` body. */
export class FormBody {
  readonly params: URLSearchParams;
  constructor(raw: string) {
    this.params = new URLSearchParams(raw);
  }
}

/** Registers the form parser and a catch-all text parser (so endpoints can answer their own error format). */
export function registerBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, new FormBody(body as string)),
  );
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
}

/** The raw (still URL-encoded) query string of a request, without the `?`. */
export function rawQuery(request: FastifyRequest): string {
  const url = request.raw.url ?? "";
  const at = url.indexOf("?");
  return at === -1 ? "" : url.slice(at + 1);
}

/** The request path without its query string (what the logs show). */
export function pathOf(request: FastifyRequest): string {
  const url = request.raw.url ?? "";
  const at = url.indexOf("?");
  return at === -1 ? url : url.slice(0, at);
}

/** Names that appear more than once (OAuth parameters must not be repeated). */
export function repeatedNames(params: URLSearchParams): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return [...repeated];
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at === -1) continue;
    if (part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** `Authorization: Basic …` decoded, split at the first colon (no further decoding). */
export function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  if (!header) return undefined;
  const [scheme, value, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== "basic" || !value || rest.length > 0) return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const at = decoded.indexOf(":");
  if (at === -1) return undefined;
  return { user: decoded.slice(0, at), password: decoded.slice(at + 1) };
}

/** Decodes one half of an OAuth client_secret_basic credential (RFC 6749 §2.3.1: form-urlencoded). */
export function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll("+", " "));
  } catch {
    return value;
  }
}

/** Appends parameters to a URL's query string, keeping the parameters it already has. */
export function withParams(base: string, params: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  return url.toString();
}
