// The Caller: who is asking, as verified by the gateway. It travels to subgraphs in one header, signed for ONE
// request: the HMAC-SHA256 covers the audience (the target subgraph's name), a timestamp, a nonce, a digest of the
// request (method, path and body) and the encoded Caller. Subgraphs verify it in constant time and refuse it when
// it names another audience, does not match the request it came with, is stale, or its nonce was seen before
// (replay): a header captured on its way to one subgraph is worthless to every other and for any other query.
// This file is the one definition of the format, used by every signer (gateway, internal calls, jobs) and the
// one verifier (platform/subgraphServer.ts).
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const CALLER_HEADER = "x-parvis-caller";
const VERSION = "v2";

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

/** Only the identity subgraph may learn the upstream subject (MonStrasbourg.eu NameID). */
const SUBGRAPHS_TOLD_THE_SUBJECT = new Set(["identity"]);

/** The caller as one subgraph may know it: without the upstream subject, except for identity. */
export function callerForSubgraph(subgraph: string, full: Caller): Caller {
  const { subject, ...withoutSubject } = full;
  return SUBGRAPHS_TOLD_THE_SUBJECT.has(subgraph) && subject
    ? { ...withoutSubject, subject }
    : withoutSubject;
}

export type CallerHeaderFailure =
  | "missing"
  | "malformed"
  | "bad_signature"
  | "wrong_audience"
  | "request_mismatch"
  | "expired"
  | "replayed";

export class CallerHeaderError extends Error {
  override name = "CallerHeaderError";
  readonly reason: CallerHeaderFailure;
  constructor(reason: CallerHeaderFailure) {
    super(`Caller header refused: ${reason}`);
    this.reason = reason;
  }
}

/** The HTTP request a header is made for: what the subgraph sees arrive, and what the signer sends. */
export interface SignedRequest {
  /** The target subgraph's name (`identity`, `petitions`, …). */
  audience: string;
  /** `POST` or `GET`, upper case. */
  method: string;
  /** Path and query string as the subgraph receives them (`/graphql`, `/graphql?query=…`). */
  path: string;
  /** The exact body bytes sent ("" for a GET). */
  body: string | Buffer;
}

/** Method and path of every in-process call (single-process mode): the same request as over HTTP. */
export const IN_PROCESS_METHOD = "POST";
export const IN_PROCESS_PATH = "/graphql";

/**
 * The JSON body of a GraphQL request as every signer sends it (internal calls over HTTP and in-process): one
 * serialisation, so that the bytes signed are the bytes sent. JSON has no undefined and Apollo refuses a null
 * operationName, hence the absent keys.
 */
export function graphqlRequestBody(request: {
  query?: string | undefined;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  extensions?: Record<string, unknown> | null | undefined;
}): string {
  return JSON.stringify({
    query: request.query,
    ...(request.operationName ? { operationName: request.operationName } : {}),
    ...(request.variables ? { variables: request.variables } : {}),
    ...(request.extensions ? { extensions: request.extensions } : {}),
  });
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("base64url");
const mac = (secret: string, payload: string) => createHmac("sha256", secret).update(payload).digest();

/** What the HMAC covers, one field a line; the method and path are not in the header, they come from the request. */
function signedText(fields: {
  audience: string;
  timestamp: string;
  nonce: string;
  method: string;
  path: string;
  bodySha256: string;
  caller: string;
}): string {
  return [
    `parvis-caller-${VERSION}`,
    `aud=${fields.audience}`,
    `ts=${fields.timestamp}`,
    `nonce=${fields.nonce}`,
    `method=${fields.method.toUpperCase()}`,
    `path=${fields.path}`,
    `bodySha256=${fields.bodySha256}`,
    `caller=${fields.caller}`,
  ].join("\n");
}

/**
 * Signs a Caller for one request to one subgraph:
 * `v2;aud=<subgraph>;ts=<ms>;nonce=<base64url>;bodySha256=<base64url>;caller=<base64url JSON>;sig=<base64url>`.
 * The signature covers every field plus the request's method and path.
 */
export function signCaller(caller: Caller, secret: string, request: SignedRequest, now = Date.now()): string {
  const fields = {
    audience: request.audience,
    timestamp: String(now),
    nonce: randomBytes(16).toString("base64url"),
    method: request.method,
    path: request.path,
    bodySha256: sha256(request.body),
    caller: Buffer.from(JSON.stringify(caller)).toString("base64url"),
  };
  const signature = mac(secret, signedText(fields)).toString("base64url");
  return [
    VERSION,
    `aud=${fields.audience}`,
    `ts=${fields.timestamp}`,
    `nonce=${fields.nonce}`,
    `bodySha256=${fields.bodySha256}`,
    `caller=${fields.caller}`,
    `sig=${signature}`,
  ].join(";");
}

/** Signs a Caller for an in-process call (SubgraphServer.executeInProcess) of this GraphQL request to `audience`. */
export function signInProcessCall(
  caller: Caller,
  secret: string,
  audience: string,
  request: Parameters<typeof graphqlRequestBody>[0],
  now = Date.now(),
): string {
  const body = graphqlRequestBody(request);
  return signCaller(
    caller,
    secret,
    { audience, method: IN_PROCESS_METHOD, path: IN_PROCESS_PATH, body },
    now,
  );
}

const HEADER_KEYS = ["aud", "ts", "nonce", "bodySha256", "caller", "sig"] as const;
const TOKEN = /^[A-Za-z0-9_-]{1,8192}$/;

function parseHeader(header: string): Record<(typeof HEADER_KEYS)[number], string> {
  const [version, ...pairs] = header.split(";");
  if (version !== VERSION || pairs.length !== HEADER_KEYS.length) throw new CallerHeaderError("malformed");
  const fields: Record<string, string> = {};
  pairs.forEach((pair, index) => {
    const separator = pair.indexOf("=");
    const key = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    if (separator < 0 || key !== HEADER_KEYS[index] || !TOKEN.test(value))
      throw new CallerHeaderError("malformed");
    fields[key] = value;
  });
  return fields as Record<(typeof HEADER_KEYS)[number], string>;
}

export interface VerifyOptions {
  secret: string;
  /**
   * The key being retired during a rotation (CALLER_SIGNING_SECRET_PREVIOUS): headers signed with it are still
   * accepted, so that signers not yet restarted with the new key are not refused. Nothing signs with it.
   */
  previousSecret?: string | undefined;
  maxAgeSeconds: number;
  /** The request the header arrived with; `audience` is the verifying subgraph's own name. */
  request: SignedRequest;
  /**
   * Records a nonce (with the header's timestamp); resolves false when it was already seen within the validity
   * window (platform/replayGuard.ts).
   */
  rememberNonce: (nonce: string, issuedAt: number, ttlSeconds: number) => Promise<boolean>;
  now?: number;
}

/** Verifies a signed Caller header. Throws CallerHeaderError with the reason; never trusts an unverified byte. */
export async function verifyCaller(header: string | undefined, options: VerifyOptions): Promise<Caller> {
  if (!header) throw new CallerHeaderError("missing");
  const fields = parseHeader(header);
  const text = signedText({
    audience: fields.aud,
    timestamp: fields.ts,
    nonce: fields.nonce,
    method: options.request.method,
    path: options.request.path,
    bodySha256: fields.bodySha256,
    caller: fields.caller,
  });
  const given = Buffer.from(fields.sig, "base64url");
  const signedWith = (secret: string) => {
    const expected = mac(secret, text);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  if (!signedWith(options.secret) && !(options.previousSecret && signedWith(options.previousSecret))) {
    throw new CallerHeaderError("bad_signature");
  }
  // Authentic from here on; now: is it for this subgraph and this very request?
  if (fields.aud !== options.request.audience) throw new CallerHeaderError("wrong_audience");
  const digest = Buffer.from(sha256(options.request.body));
  const claimed = Buffer.from(fields.bodySha256);
  if (digest.length !== claimed.length || !timingSafeEqual(digest, claimed)) {
    throw new CallerHeaderError("request_mismatch");
  }
  const issuedAt = Number(fields.ts);
  const now = options.now ?? Date.now();
  // A small allowance for clocks of distinct hosts in distributed mode.
  if (
    !Number.isSafeInteger(issuedAt) ||
    issuedAt > now + 5_000 ||
    now - issuedAt > options.maxAgeSeconds * 1000
  ) {
    throw new CallerHeaderError("expired");
  }
  if (!(await options.rememberNonce(fields.nonce, issuedAt, options.maxAgeSeconds + 5)))
    throw new CallerHeaderError("replayed");
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(fields.caller, "base64url").toString("utf8"));
  } catch {
    throw new CallerHeaderError("malformed");
  }
  const caller = CallerSchema.safeParse(decoded);
  if (!caller.success) throw new CallerHeaderError("malformed");
  return caller.data;
}
