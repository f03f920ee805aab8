// Signed tree heads (RFC 6962 §3.5 in spirit): the platform signs (log id, size, total, root hash, timestamp) with
// Ed25519, so a copy of a head is evidence of what the log contained at that time. The signed message is the
// canonical JSON of those four fields and a type tag; anyone can check it with the published public key.
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { canonicalJson } from "./entry.ts";

export const TREE_HEAD_TYPE = "parvis.ledger.tree_head.v1";

export interface TreeHead {
  logId: string;
  size: number;
  /** Sum of the entries' deltas: the count this log vouches for (signatures, ballots…). */
  total: number;
  /** MTH of the log's first `size` entries, 64 hex digits. */
  rootHash: string;
  /** When the last entry was recorded (RFC 3339, UTC, ms); null for an empty log. */
  timestamp: string | null;
}

export interface SignedTreeHead extends TreeHead {
  /** Ed25519 signature of `treeHeadMessage(head)`, base64url. */
  signature: string;
  /** Short id of the signing key (first 16 hex digits of SHA-256 of the raw public key). */
  keyId: string;
}

export interface LedgerSigner {
  /** Raw Ed25519 public key (32 bytes), base64url. */
  publicKey: string;
  keyId: string;
  sign(head: TreeHead): SignedTreeHead;
}

const DEV_PREFIX = "dev-only-";
/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export function treeHeadMessage(head: TreeHead): Buffer {
  return Buffer.from(
    canonicalJson({
      type: TREE_HEAD_TYPE,
      logId: head.logId,
      size: head.size,
      total: head.total,
      rootHash: head.rootHash,
      timestamp: head.timestamp,
    }),
    "utf8",
  );
}

/**
 * Reads LEDGER_SIGNING_KEY: a PKCS#8 PEM, or a 32-byte Ed25519 seed in hex or base64(url). A development value
 * (`dev-only-…`, refused in production by the configuration) is turned into a seed by SHA-256, so every developer
 * machine gets the same stable key without a key file.
 */
export function parseSigningKey(value: string): KeyObject {
  const text = value.trim();
  if (text.startsWith("-----BEGIN")) {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== "ed25519") throw new Error("LEDGER_SIGNING_KEY must be an Ed25519 key");
    return key;
  }
  let seed: Buffer;
  if (text.startsWith(DEV_PREFIX)) seed = createHash("sha256").update(text).digest();
  else if (/^[0-9a-f]{64}$/i.test(text)) seed = Buffer.from(text, "hex");
  else seed = Buffer.from(text, text.includes("+") || text.includes("/") ? "base64" : "base64url");
  if (seed.length !== 32) {
    throw new Error("LEDGER_SIGNING_KEY must be an Ed25519 PKCS#8 PEM or a 32-byte seed (hex or base64)");
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

export function rawPublicKey(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new Error("not an Ed25519 key");
  return jwk.x;
}

export function keyIdOf(publicKey: string): string {
  return createHash("sha256").update(Buffer.from(publicKey, "base64url")).digest("hex").slice(0, 16);
}

/**
 * A signer for one key. Ed25519 is deterministic, so a head signed twice gets the same signature; the last heads
 * are kept so serving a popular head costs a map lookup.
 */
export function createLedgerSigner(signingKey: string, cacheSize = 1_000): LedgerSigner {
  const privateKey = parseSigningKey(signingKey);
  const publicKey = rawPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const cache = new Map<string, SignedTreeHead>();
  return {
    publicKey,
    keyId,
    sign(head) {
      const cacheKey = `${head.logId}|${head.size}|${head.total}|${head.rootHash}|${head.timestamp}`;
      const cached = cache.get(cacheKey);
      if (cached) return cached;
      const signature = sign(null, treeHeadMessage(head), privateKey).toString("base64url");
      const signed = { ...head, signature, keyId };
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(cacheKey, signed);
      return signed;
    },
  };
}

/** Accepts the raw key (base64url, as published) or an SPKI PEM. */
export function parsePublicKey(value: string): KeyObject {
  const text = value.trim();
  if (text.startsWith("-----BEGIN")) return createPublicKey(text);
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: text }, format: "jwk" });
}

export function verifyTreeHead(head: SignedTreeHead, publicKey: string | KeyObject): boolean {
  try {
    const key = typeof publicKey === "string" ? parsePublicKey(publicKey) : publicKey;
    const signature = Buffer.from(head.signature, "base64url");
    if (signature.length !== 64) return false;
    return verify(null, treeHeadMessage(head), key, signature);
  } catch {
    return false;
  }
}
