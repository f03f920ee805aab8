// Publik signed URLs (Entr'ouvert's `signature.py`, used by w.c.s. and Authentic2 for server-to-server calls).
// The caller appends `algo`, `timestamp` (UTC `YYYY-MM-DDTHH:mm:ssZ`) and `orig` (its identifier, which selects
// the shared key) to the query string, computes an HMAC of that whole query string with the shared key,
// base64-encodes it and appends `&signature=<url-encoded base64>`. The verifier takes the raw query string up to
// `&signature=`, recomputes the HMAC, compares in constant time and checks the timestamp is within a window
// (30 seconds by default in Publik). The platform's adapter uses `signPublikQuery`; the simulator verifies
// with `verifyPublikQuery`.
import { createHmac, timingSafeEqual } from "node:crypto";

export type PublikAlgo = "sha1" | "sha256" | "sha512";
const ALGOS: readonly PublikAlgo[] = ["sha1", "sha256", "sha512"];

/** Publik's timestamp format: UTC, second precision, `Z` suffix (`2025-01-21T08:30:00Z`). */
export function formatPublikTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export interface SignPublikQueryOptions {
  /** Defaults to sha256 (what the city's code uses). */
  algo?: PublikAlgo;
  /** Optional anti-replay nonce (Publik's own clients send one; the city's code does not). */
  nonce?: string;
}

/**
 * Signs a query string the Publik way and returns the complete signed query string (without a leading `?`):
 * `{query}&algo=sha256&timestamp=…&orig=…&signature=…`. `query` is the caller's own parameters, already
 * URL-encoded (e.g. `NameID=…&include-drafts=true`), possibly empty, with or without a leading `?`; it must not
 * already contain `algo`, `timestamp`, `orig` or `signature`. The key is used as UTF-8 bytes.
 */
export function signPublikQuery(
  query: string,
  key: string,
  orig: string,
  now: Date = new Date(),
  options: SignPublikQueryOptions = {},
): string {
  const algo = options.algo ?? "sha256";
  const base = query.startsWith("?") ? query.slice(1) : query;
  const added = [`algo=${algo}`, `timestamp=${formatPublikTimestamp(now)}`];
  if (options.nonce !== undefined) added.push(`nonce=${encodeURIComponent(options.nonce)}`);
  added.push(`orig=${encodeURIComponent(orig)}`);
  const unsigned = [base, ...added].filter((part) => part !== "").join("&");
  const signature = createHmac(algo, key).update(unsigned, "utf8").digest("base64");
  return `${unsigned}&signature=${encodeURIComponent(signature)}`;
}

/** Signs a full URL (`https://host/path?query`), keeping its path and signing its query string. */
export function signPublikUrl(url: string, key: string, orig: string, now: Date = new Date()): string {
  const at = url.indexOf("?");
  const path = at === -1 ? url : url.slice(0, at);
  const query = at === -1 ? "" : url.slice(at + 1);
  return `${path}?${signPublikQuery(query, key, orig, now)}`;
}

export type PublikSignatureFailure =
  | "missing-signature"
  | "missing-parameter"
  | "unsupported-algo"
  | "bad-timestamp"
  | "expired-timestamp"
  | "unknown-orig"
  | "bad-signature"
  | "replayed-nonce";

export type PublikSignatureResult =
  | { ok: true; orig: string; params: URLSearchParams }
  | { ok: false; reason: PublikSignatureFailure };

export interface VerifyPublikQueryOptions {
  now?: Date;
  /** Accepted distance between the timestamp and now, both ways. Publik's default: 30 seconds. */
  maxSkewSeconds?: number;
  /** Returns true when the nonce was already seen (replay); records it otherwise. */
  seenNonce?: (nonce: string) => boolean;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/**
 * Verifies a raw (still URL-encoded) query string signed by `signPublikQuery`. Stricter than Publik in one
 * respect: `signature` must be the last parameter (Publik ignores anything after it, which would be unsigned).
 */
export function verifyPublikQuery(
  rawQuery: string,
  keyForOrig: (orig: string) => string | undefined,
  options: VerifyPublikQueryOptions = {},
): PublikSignatureResult {
  const query = rawQuery.startsWith("?") ? rawQuery.slice(1) : rawQuery;
  const at = query.lastIndexOf("&signature=");
  if (at === -1) return { ok: false, reason: "missing-signature" };
  const encodedSignature = query.slice(at + "&signature=".length);
  if (encodedSignature === "" || encodedSignature.includes("&"))
    return { ok: false, reason: "missing-signature" };
  const unsigned = query.slice(0, at);
  const params = new URLSearchParams(unsigned);
  if (params.has("signature")) return { ok: false, reason: "missing-signature" };

  const algo = params.get("algo");
  const timestamp = params.get("timestamp");
  const orig = params.get("orig");
  if (!algo || !timestamp || !orig) return { ok: false, reason: "missing-parameter" };
  if (!ALGOS.includes(algo as PublikAlgo)) return { ok: false, reason: "unsupported-algo" };

  const match = TIMESTAMP.exec(timestamp);
  const when = match ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(when)) return { ok: false, reason: "bad-timestamp" };
  const now = (options.now ?? new Date()).getTime();
  if (Math.abs(now - when) > (options.maxSkewSeconds ?? 30) * 1000)
    return { ok: false, reason: "expired-timestamp" };

  const key = keyForOrig(orig);
  if (key === undefined) return { ok: false, reason: "unknown-orig" };

  let provided: Buffer;
  try {
    provided = Buffer.from(decodeURIComponent(encodedSignature.replaceAll("+", " ")), "base64");
  } catch {
    return { ok: false, reason: "bad-signature" };
  }
  const expected = createHmac(algo, key).update(unsigned, "utf8").digest();
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return { ok: false, reason: "bad-signature" };
  }

  const nonce = params.get("nonce");
  if (nonce !== null && options.seenNonce?.(nonce)) return { ok: false, reason: "replayed-nonce" };
  return { ok: true, orig, params };
}
