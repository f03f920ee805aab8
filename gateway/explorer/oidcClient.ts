// The explorer's sign-in at MonStrasbourg.eu (OpenID Connect, authorization code + PKCE). The browser page makes the
// PKCE pair, sends the person to the provider's authorization endpoint and comes back to /auth/callback with a code;
// the gateway redeems it here with the platform's confidential client (OIDC_CLIENT_ID / OIDC_CLIENT_SECRET, which
// never reach the browser), checks the id_token (issuer, audience, nonce, signature), and hands the page the access
// token only. No refresh token leaves the gateway: when the access token expires, the agent signs in again.
import { createRemoteJWKSet, decodeProtectedHeader, type JWTPayload, jwtVerify } from "jose";
import type { Config } from "../../platform/config.ts";

export interface ProviderEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

export class SignInError extends Error {
  override name = "SignInError";
  readonly status: number;
  readonly code: string;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

const DISCOVERY_TTL_MS = 3_600_000;

export interface OidcClient {
  endpoints(): Promise<ProviderEndpoints>;
  /** Redeems a code; resolves the access token and the verified id_token's claims. */
  redeem(input: { code: string; codeVerifier: string; redirectUri: string; nonce: string }): Promise<{
    accessToken: string;
    expiresIn: number;
    idToken: JWTPayload;
  }>;
}

export function createOidcClient(config: Config): OidcClient {
  const issuer = config.OIDC_ISSUER;
  const timeoutMs = config.MONSTRASBOURG_TIMEOUT_MS;
  let discovery: { at: number; endpoints: Promise<ProviderEndpoints> } | undefined;
  const jwks = createRemoteJWKSet(new URL(config.OIDC_JWKS_URL), { timeoutDuration: timeoutMs });

  const upstream = (what: string) =>
    new SignInError(
      "upstream_unavailable",
      `MonStrasbourg.eu ne répond pas (${what}) : réessayez plus tard.`,
      503,
    );

  async function discover(): Promise<ProviderEndpoints> {
    const url = `${issuer.replace(/\/?$/, "/")}.well-known/openid-configuration`;
    let document: Record<string, unknown>;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) throw new Error(String(response.status));
      document = (await response.json()) as Record<string, unknown>;
    } catch {
      throw upstream("découverte");
    }
    const { authorization_endpoint: authorizationEndpoint, token_endpoint: tokenEndpoint } = document;
    if (
      document.issuer !== issuer ||
      typeof authorizationEndpoint !== "string" ||
      typeof tokenEndpoint !== "string"
    ) {
      throw upstream("découverte incohérente");
    }
    return { authorizationEndpoint, tokenEndpoint };
  }

  async function verifyIdToken(token: string, nonce: string): Promise<JWTPayload> {
    const common = { issuer, audience: config.OIDC_CLIENT_ID };
    try {
      // HS256 id_tokens (Authentic2's per-client option) are signed with the client secret.
      const { payload } =
        decodeProtectedHeader(token).alg === "HS256"
          ? await jwtVerify(token, new TextEncoder().encode(config.OIDC_CLIENT_SECRET), {
              ...common,
              algorithms: ["HS256"],
            })
          : await jwtVerify(token, jwks, { ...common, algorithms: ["RS256", "ES256"] });
      if (payload.nonce !== nonce) throw new Error("nonce");
      return payload;
    } catch {
      throw new SignInError(
        "invalid_id_token",
        "La réponse de MonStrasbourg.eu n'a pas pu être vérifiée.",
        401,
      );
    }
  }

  return {
    endpoints() {
      if (!discovery || Date.now() - discovery.at > DISCOVERY_TTL_MS) {
        const endpoints = discover();
        discovery = { at: Date.now(), endpoints };
        // A failed discovery is not cached: the next sign-in asks again.
        endpoints.catch(() => {
          discovery = undefined;
        });
      }
      return discovery.endpoints;
    },

    async redeem({ code, codeVerifier, redirectUri, nonce }) {
      const { tokenEndpoint } = await this.endpoints();
      const basic = Buffer.from(
        `${encodeURIComponent(config.OIDC_CLIENT_ID)}:${encodeURIComponent(config.OIDC_CLIENT_SECRET)}`,
      ).toString("base64");
      let response: Response;
      try {
        response = await fetch(tokenEndpoint, {
          method: "POST",
          headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "authorization_code",
            code,
            redirect_uri: redirectUri,
            code_verifier: codeVerifier,
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw upstream("jeton");
      }
      if (response.status >= 500) throw upstream("jeton");
      const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok || typeof body.access_token !== "string" || typeof body.id_token !== "string") {
        // A code already used, expired, or a wrong verifier: the person starts again (the error says why in logs).
        throw new SignInError(
          "invalid_grant",
          "La connexion a expiré ou a déjà été utilisée : recommencez.",
          400,
        );
      }
      const idToken = await verifyIdToken(body.id_token, nonce);
      const expiresIn = typeof body.expires_in === "number" ? body.expires_in : 3600;
      return { accessToken: body.access_token, expiresIn, idToken };
    },
  };
}
