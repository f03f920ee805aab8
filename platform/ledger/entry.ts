// What a ledger entry is: canonical JSON (keys sorted, no spaces) of a small object, hashed as the leaf.
// Entries never name a person: `token` is a per-subject pseudonym, an HMAC of the subject id (a petition, a
// campaign) and the account id under a configured secret, so one person's entries in two logs look unrelated and
// only the platform can recompute a token (to find the signer's own entry, or refuse a second signature).
import { createHmac } from "node:crypto";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Version of the entry format; bump when its fields change meaning. */
export const ENTRY_VERSION = 1;

export interface LedgerEntryInput {
  /** Dotted event kind, e.g. `signature.added`, `signature.withdrawn`, `paper.batch`, `ballot.cast`. */
  kind: string;
  /** Per-subject pseudonymous token (see `subjectToken`), or null for events that concern no one. */
  token: string | null;
  /**
   * What the event adds to the log's published total (+1 a signature, −1 its withdrawal, +n a batch of paper
   * signatures, 0 for an audit event). The verification command checks that the deltas add up to the published
   * total and that the unit deltas of one token alternate +1/−1 (one signature per person at a time).
   */
  delta?: number;
  /** Extra public facts, never personal data (counts, dates, ids of public things). */
  data?: { [key: string]: JsonValue };
}

export interface LedgerEntry extends LedgerEntryInput {
  v: number;
  /** When the log recorded it (RFC 3339, UTC, milliseconds). */
  at: string;
}

const KIND = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** Checks an entry before it is written: a malformed one would make the public log unverifiable. */
export function validateEntry(entry: LedgerEntryInput): void {
  if (!KIND.test(entry.kind) || entry.kind.length > 64)
    throw new TypeError(`invalid ledger entry kind ${entry.kind}`);
  if (entry.token !== null && !TOKEN.test(entry.token)) throw new TypeError("invalid ledger token");
  if (entry.delta !== undefined && !Number.isSafeInteger(entry.delta))
    throw new TypeError("delta is an integer");
}

/** JSON with object keys sorted at every depth and no insignificant whitespace (RFC 8785 for these values). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("canonical JSON has no NaN or Infinity");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (typeof value === "object") {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
    return `{${fields.join(",")}}`;
  }
  throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
}

export function encodeEntry(entry: LedgerEntryInput, at: Date): string {
  validateEntry(entry);
  const full: LedgerEntry = { ...entry, v: ENTRY_VERSION, at: at.toISOString() };
  return canonicalJson(full);
}

/** Parses a published entry; throws when it is not a ledger entry. */
export function decodeEntry(text: string): LedgerEntry {
  const parsed = JSON.parse(text) as LedgerEntry;
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    typeof parsed.kind !== "string" ||
    typeof parsed.at !== "string"
  ) {
    throw new TypeError("not a ledger entry");
  }
  return parsed;
}

/**
 * The pseudonym of an account within one subject (a petition, a campaign): HMAC-SHA256 under LEDGER_TOKEN_SECRET,
 * base64url. Deterministic, so a second signature by the same person collides on a unique constraint.
 */
export function subjectToken(secret: string, subjectId: string, accountId: string): string {
  return createHmac("sha256", secret).update(`ledger-token:v1:${subjectId}:${accountId}`).digest("base64url");
}
