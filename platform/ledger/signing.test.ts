// Signed tree heads: keys from configuration, deterministic Ed25519 signatures, and refusal of any altered head.
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, subjectToken } from "./entry.ts";
import {
  createLedgerSigner,
  parseSigningKey,
  rawPublicKey,
  type TreeHead,
  treeHeadMessage,
  verifyTreeHead,
} from "./signing.ts";

// RFC 8032 §7.1, TEST 1.
const RFC8032_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const RFC8032_EMPTY_SIGNATURE =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

const head: TreeHead = {
  logId: "petition:0190a1b2-0000-7000-8000-000000000001",
  size: 8,
  total: 7,
  rootHash: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
  timestamp: "2026-11-28T10:00:00.000Z",
};

describe("signing keys", () => {
  it("reads a 32-byte seed in hex as RFC 8032 does", () => {
    const key = parseSigningKey(RFC8032_SEED);
    expect(Buffer.from(rawPublicKey(key), "base64url").toString("hex")).toBe(RFC8032_PUBLIC);
    expect(sign(null, Buffer.alloc(0), key).toString("hex")).toBe(RFC8032_EMPTY_SIGNATURE);
  });

  it("reads the same seed in base64 and a PKCS#8 PEM", () => {
    const seed = Buffer.from(RFC8032_SEED, "hex");
    expect(rawPublicKey(parseSigningKey(seed.toString("base64")))).toBe(
      rawPublicKey(parseSigningKey(RFC8032_SEED)),
    );
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(rawPublicKey(parseSigningKey(pem))).toBe(rawPublicKey(privateKey));
  });

  it("derives a stable key from a development value and refuses anything that is not a key", () => {
    const dev = "dev-only-ledger-signing-key-for-tests-0123456789";
    expect(createLedgerSigner(dev).publicKey).toBe(createLedgerSigner(dev).publicKey);
    expect(() => parseSigningKey("not-a-key-but-long-enough-to-pass-the-length-check")).toThrow(/Ed25519/);
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() => parseSigningKey(privateKey.export({ format: "pem", type: "pkcs8" }).toString())).toThrow(
      /Ed25519/,
    );
  });
});

describe("signed tree heads", () => {
  const signer = createLedgerSigner(RFC8032_SEED);

  it("signs the canonical JSON of the head, deterministically", () => {
    expect(treeHeadMessage(head).toString()).toBe(
      canonicalJson({ type: "parvis.ledger.tree_head.v1", ...head }),
    );
    const signed = signer.sign(head);
    expect(signed.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(createLedgerSigner(RFC8032_SEED).sign({ ...head }).signature).toBe(signed.signature);
    expect(verifyTreeHead(signed, signer.publicKey)).toBe(true);
  });

  it("refuses a head whose size, total, root, time or log was changed, or another key", () => {
    const signed = signer.sign(head);
    for (const altered of [
      { ...signed, size: 9 },
      { ...signed, total: 8 },
      { ...signed, rootHash: signed.rootHash.replace(/^5/, "6") },
      { ...signed, timestamp: "2026-11-28T10:00:00.001Z" },
      { ...signed, logId: "petition:other" },
      { ...signed, signature: signed.signature.slice(0, -2) },
    ]) {
      expect(verifyTreeHead(altered, signer.publicKey)).toBe(false);
    }
    const other = createLedgerSigner("dev-only-another-ledger-key-0123456789abcdef");
    expect(verifyTreeHead(signed, other.publicKey)).toBe(false);
    expect(verifyTreeHead(signed, "garbage")).toBe(false);
  });
});

describe("entries", () => {
  it("writes canonical JSON whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "é"], c: { z: 1, y: 2 } })).toBe(
      '{"a":[true,null,"é"],"b":1,"c":{"y":2,"z":1}}',
    );
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });

  it("gives one person unrelated tokens in two subjects, and a stable one within a subject", () => {
    const secret = "dev-only-ledger-token-secret-for-tests-0123456789";
    const account = "0190a1b2-0000-8000-8000-00000000abcd";
    const a = subjectToken(secret, "petition:1", account);
    expect(subjectToken(secret, "petition:1", account)).toBe(a);
    expect(subjectToken(secret, "petition:2", account)).not.toBe(a);
    expect(subjectToken(`${secret}x`, "petition:1", account)).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain(account.slice(0, 8));
  });
});
