// Signing keys of the simulator: one RSA (RS256) and one EC P-256 (ES256) key active at a time, both published
// in the JWKS whatever the configured algorithm (Authentic2 publishes its whole key set at /idp/oidc/certs/).
// Rotation creates new keys; the previous ones stay published (and accepted) for a retention period so tokens
// they signed remain verifiable until they expire.
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

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

export class KeyStore {
  #keys: SigningKey[] = [];

  static async create(): Promise<KeyStore> {
    const store = new KeyStore();
    store.#keys = await Promise.all([newKey("RS256"), newKey("ES256")]);
    return store;
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
  }

  /** The public JWK Set (active keys first). */
  jwks(now = Date.now()): { keys: JWK[] } {
    this.#prune(now);
    return { keys: this.#keys.map((key) => ({ ...key.publicJwk })) };
  }
}
