// The Caller: who is asking, as verified by the gateway. It travels to subgraphs in one header,
// signed with HMAC-SHA256 over a timestamp, a nonce and the encoded Caller; subgraphs verify it in constant time,
// refuse it when stale, and refuse a nonce seen before (replay).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const CALLER_HEADER = "x-parvis-caller";
const VERSION = "v1";

export const ROLES = ["citizen", "staff", "moderator", "dpo", "admin", "partner", "system"] as const;
export type Role = (typeof ROLES)[number];

export const VERIFICATION_LEVELS = ["none", "unverified", "email_verified", "resident_verified"] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export const CallerSchema = z.object({
  /** "system": the platform's own jobs (account synchronisation, retention), never a token's holder. */
  kind: z.enum(["anonymous", "citizen", "staff", "partner", "system"]),
  /** Pseudonymous account id (never the upstream subject). Null for anonymous callers and partners. */
  accountId: z.uuid().nullable(),
  roles: z.array(z.enum(ROLES)),
  /** The city service a staff member belongs to (DT, DMEPN, MPC, …). */
  staffService: z.string().nullable(),
  /** OAuth2 client id of a partner service. */
  partnerClientId: z.string().nullable(),
  scopes: z.array(z.string()),
  verificationLevel: z.enum(VERIFICATION_LEVELS),
  /**
   * Upstream subject (MonStrasbourg.eu NameID). The gateway sends it to the identity subgraph only; every other
   * subgraph sees the pseudonymous accountId alone.
   */
  subject: z.string().min(1).max(255).optional(),
  claims: z.object({
    eurometropoleResident: z.boolean(),
    participationPactSigned: z.boolean(),
    ageBand: z.enum(["under_16", "16_17", "18_plus"]).nullable(),
  }),
});
export type Caller = z.infer<typeof CallerSchema>;

export const ANONYMOUS: Caller = Object.freeze({
  kind: "anonymous",
  accountId: null,
  roles: [],
  staffService: null,
  partnerClientId: null,
  scopes: [],
  verificationLevel: "none",
  claims: { eurometropoleResident: false, participationPactSigned: false, ageBand: null },
}) as Caller;

/** The platform's own scheduled jobs. Only the gateway process signs it; no token can produce it. */
export const SYSTEM: Caller = Object.freeze({
  ...ANONYMOUS,
  kind: "system",
  roles: ["system"],
}) as Caller;

export type CallerHeaderFailure = "missing" | "malformed" | "bad_signature" | "expired" | "replayed";

export class CallerHeaderError extends Error {
  override name = "CallerHeaderError";
  readonly reason: CallerHeaderFailure;
  constructor(reason: CallerHeaderFailure) {
    super(`Caller header refused: ${reason}`);
    this.reason = reason;
  }
}

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(payload).digest();
}

/** Signs a Caller for one subgraph request: `v1.<timestamp ms>.<nonce>.<base64url caller>.<base64url mac>`. */
export function signCaller(caller: Caller, secret: string, now = Date.now()): string {
  const nonce = randomBytes(12).toString("base64url");
  const body = Buffer.from(JSON.stringify(caller)).toString("base64url");
  const payload = `${VERSION}.${now}.${nonce}.${body}`;
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

export interface VerifyOptions {
  secret: string;
  maxAgeSeconds: number;
  /** Records a nonce; resolves false when it was already seen within the validity window. */
  rememberNonce: (nonce: string, ttlSeconds: number) => Promise<boolean>;
  now?: number;
}

/** Verifies a signed Caller header. Throws CallerHeaderError with the reason; never trusts an unverified byte. */
export async function verifyCaller(header: string | undefined, options: VerifyOptions): Promise<Caller> {
  if (!header) throw new CallerHeaderError("missing");
  const parts = header.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new CallerHeaderError("malformed");
  const [version, timestamp, nonce, body, signature] = parts as [string, string, string, string, string];
  const expected = mac(options.secret, `${version}.${timestamp}.${nonce}.${body}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CallerHeaderError("bad_signature");
  }
  const issuedAt = Number(timestamp);
  const now = options.now ?? Date.now();
  // A small allowance for clocks of distinct hosts in distributed mode.
  if (
    !Number.isSafeInteger(issuedAt) ||
    issuedAt > now + 5_000 ||
    now - issuedAt > options.maxAgeSeconds * 1000
  ) {
    throw new CallerHeaderError("expired");
  }
  if (!(await options.rememberNonce(nonce, options.maxAgeSeconds + 5)))
    throw new CallerHeaderError("replayed");
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw new CallerHeaderError("malformed");
  }
  const caller = CallerSchema.safeParse(decoded);
  if (!caller.success) throw new CallerHeaderError("malformed");
  return caller.data;
}
