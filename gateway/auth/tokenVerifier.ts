// Verifies bearer tokens: issuer, audience, expiry (with a small clock skew), and the signature — by the
// provider's JWKS (RS256/ES256) or by a shared secret (HS256, as the city's current code does), never both, so
// an HS256 token can never be checked against a public key (algorithm confusion). Keys are fetched through the
// resilience wrapper and cached with a long stale window: when MonStrasbourg.eu is down, tokens it already
// issued keep being verified.
import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from "jose";
import type { Upstream } from "../../platform/resilience/upstream.ts";

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** Shared-secret mode (HS256). When set, asymmetric tokens are refused. */
  hs256Secret?: string;
  /** Key-set mode (RS256, ES256). */
  jwksUrl?: string;
  upstream: Upstream;
}

export type VerifyToken = (token: string) => Promise<JWTPayload>;

const JWKS_FRESH_SECONDS = 300;
const JWKS_STALE_SECONDS = 30 * 24 * 3600;
const MIN_REFRESH_INTERVAL_MS = 30_000;

export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
}

export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  const common = {
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSeconds,
    requiredClaims: ["exp", "iat"],
  };
  if (options.hs256Secret) {
    const secret = new TextEncoder().encode(options.hs256Secret);
    return async (token) => {
      try {
        return (await jwtVerify(token, secret, { ...common, algorithms: ["HS256"] })).payload;
      } catch (error) {
        throw new InvalidTokenError((error as Error).message);
      }
    };
  }
  const jwksUrl = options.jwksUrl;
  if (!jwksUrl) throw new Error("token verification needs OIDC_JWKS_URL or OIDC_HS256_SECRET");

  let lastForcedRefresh = 0;
  // The key set is read from the cache port at most once a second, not on every request.
  let memo: { keys: JSONWebKeySet; at: number } | undefined;
  const fetchKeys = async (fresh: boolean) => {
    if (fresh && memo && Date.now() - memo.at < 1000) return memo.keys;
    const keys = await fetchThroughUpstream(fresh);
    memo = { keys, at: Date.now() };
    return keys;
  };
  const fetchThroughUpstream = (fresh: boolean) =>
    options.upstream.call<JSONWebKeySet>(
      "jwks",
      async (signal) => {
        const response = await fetch(jwksUrl, { signal, headers: { accept: "application/json" } });
        if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
        const body = (await response.json()) as JSONWebKeySet;
        if (!Array.isArray(body?.keys)) throw new Error("JWKS without keys");
        return body;
      },
      {
        idempotent: true,
        cacheKey: "jwks",
        freshSeconds: fresh ? JWKS_FRESH_SECONDS : 0,
        staleSeconds: JWKS_STALE_SECONDS,
      },
    );

  const verifyWith = async (token: string, keys: JSONWebKeySet) =>
    (await jwtVerify(token, createLocalJWKSet(keys), { ...common, algorithms: ["RS256", "ES256"] })).payload;

  return async (token) => {
    const keys = await fetchKeys(true); // UpstreamUnavailableError propagates: the caller maps it.
    try {
      return await verifyWith(token, keys);
    } catch (error) {
      // A key we have not seen yet (rotation): refresh once, at most every MIN_REFRESH_INTERVAL_MS.
      const unknownKey = (error as { code?: string }).code === "ERR_JWKS_NO_MATCHING_KEY";
      if (unknownKey && Date.now() - lastForcedRefresh > MIN_REFRESH_INTERVAL_MS) {
        lastForcedRefresh = Date.now();
        try {
          return await verifyWith(token, await fetchKeys(false));
        } catch (retryError) {
          throw new InvalidTokenError((retryError as Error).message);
        }
      }
      throw new InvalidTokenError((error as Error).message);
    }
  };
}
