// Signing keys of the simulator: one RSA (RS256) and one EC P-256 (ES256) key active at a time, both published
// in the JWKS whatever the configured algorithm (Authentic2 publishes its whole key set at /idp/oidc/certs/).
// Rotation creates new keys; the previous ones stay published (and accepted) for a retention period so tokens
// they signed remain verifiable until they expire.
// With a file (development: `.data/`, MONSTRASBOURG_SIMULATOR_KEYS_FILE), the keys are kept across restarts, as the
// real provider keeps its keys: tokens issued before a restart stay valid. The file holds private keys of a
// simulator only (mode 0600); production talks to the real provider and never starts the simulator.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from "jose";

export type AsymmetricAlg = "RS256" | "ES256";

export interface SigningKey {
  kid: string;
  alg: AsymmetricAlg;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  createdAt: number;
  /** Epoch ms after which a rotated-out key is no longer published nor accepted. */
  retireAt?: number;
}

async function newKey(alg: AsymmetricAlg): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    alg,
    privateKey,
    publicKey,
    publicJwk: { ...jwk, kid, alg, use: "sig" },
    createdAt: Date.now(),
  };
}

interface StoredKey {
  kid: string;
  alg: AsymmetricAlg;
  privateJwk: JWK;
  createdAt: number;
  retireAt?: number;
}

/** The public members of a private JWK (RSA: n, e; EC: crv, x, y). */
function publicPart(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return rest;
}

async function keyFromStored(stored: StoredKey): Promise<SigningKey> {
  const publicJwk = publicPart(stored.privateJwk);
  return {
    kid: stored.kid,
    alg: stored.alg,
    privateKey: (await importJWK(stored.privateJwk, stored.alg, { extractable: true })) as CryptoKey,
    publicKey: (await importJWK(publicJwk, stored.alg, { extractable: true })) as CryptoKey,
    publicJwk: { ...publicJwk, kid: stored.kid, alg: stored.alg, use: "sig" },
    createdAt: stored.createdAt,
    ...(stored.retireAt !== undefined ? { retireAt: stored.retireAt } : {}),
  };
}

export class KeyStore {
  #keys: SigningKey[] = [];
  #file: string | undefined;

  /** Keys read from `file` when it holds some, else new ones (written to `file` when given). */
  static async create(options: { file?: string } = {}): Promise<KeyStore> {
    const store = new KeyStore();
    store.#file = options.file;
    const stored = options.file ? readStoredKeys(options.file) : undefined;
    if (stored) {
      store.#keys = await Promise.all(stored.map(keyFromStored));
      store.#prune(Date.now());
    }
    if (!stored || !store.#keys.some((key) => key.retireAt === undefined)) {
      store.#keys = await Promise.all([newKey("RS256"), newKey("ES256")]);
      await store.#save();
    }
    return store;
  }

  async #save(): Promise<void> {
    if (!this.#file) return;
    const keys: StoredKey[] = await Promise.all(
      this.#keys.map(async (key) => ({
        kid: key.kid,
        alg: key.alg,
        privateJwk: await exportJWK(key.privateKey),
        createdAt: key.createdAt,
        ...(key.retireAt !== undefined ? { retireAt: key.retireAt } : {}),
      })),
    );
    mkdirSync(dirname(this.#file), { recursive: true });
    // Written beside, then renamed: a crash mid-write never leaves a half file that would lose the keys.
    const partial = `${this.#file}.partial`;
    writeFileSync(partial, `${JSON.stringify({ version: 1, keys }, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, this.#file);
  }

  #prune(now: number): void {
    this.#keys = this.#keys.filter((key) => key.retireAt === undefined || key.retireAt > now);
  }

  /** The key currently used to sign with `alg`. */
  active(alg: AsymmetricAlg): SigningKey {
    const key = this.#keys.find((candidate) => candidate.alg === alg && candidate.retireAt === undefined);
    if (!key) throw new Error(`no active ${alg} key`);
    return key;
  }

  /** A published key by kid (active or retained after rotation). */
  find(kid: string, now = Date.now()): SigningKey | undefined {
    this.#prune(now);
    return this.#keys.find((key) => key.kid === kid);
  }

  /** Replaces the active keys; every older key stays published at most `retainSeconds` more (0 drops them now). */
  async rotate(retainSeconds: number, now = Date.now()): Promise<void> {
    const fresh = await Promise.all([newKey("RS256"), newKey("ES256")]);
    const retireAt = now + retainSeconds * 1000;
    for (const key of this.#keys) key.retireAt = Math.min(key.retireAt ?? retireAt, retireAt);
    this.#prune(now);
    this.#keys = [...fresh, ...this.#keys];
    await this.#save();
  }

  /** The public JWK Set (active keys first). */
  jwks(now = Date.now()): { keys: JWK[] } {
    this.#prune(now);
    return { keys: this.#keys.map((key) => ({ ...key.publicJwk })) };
  }
}

/** The keys of a file written by #save, or undefined when there is none (first start) or it cannot be read. */
function readStoredKeys(file: string): StoredKey[] | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as { version?: number; keys?: StoredKey[] };
  if (parsed.version !== 1 || !Array.isArray(parsed.keys)) {
    throw new Error(
      `${file} is not a key file of the MonStrasbourg.eu simulator (delete it to start afresh)`,
    );
  }
  return parsed.keys;
}
