// The simulator's configuration types and in-memory state: clients, accounts, browser sessions, authorization
// codes, refresh tokens, opaque access tokens and revocations, plus token minting and verification.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { Logger } from "pino";
import { accessTokenUserClaims, userClaims } from "./claims.ts";
import type { KeyStore } from "./keys.ts";
import type { Persona } from "./personas.ts";

export type SigningAlg = "RS256" | "ES256" | "HS256";
export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";
export type AccessTokenFormat = "jwt" | "opaque";

/** An OIDC/OAuth client registered with the simulated provider. */
export interface SimulatorClient {
  clientId: string;
  /**
   * The shared secret (client_secret_basic / client_secret_post). Absent for a public client, which then
   * authenticates with `client_id` only and must use PKCE S256 (a simulator extension: Authentic2 requires a
   * client secret at its token endpoint).
   */
  clientSecret?: string;
  name?: string;
  /** Exact-match redirect URIs for the authorization-code flow. */
  redirectUris?: string[];
  /** Exact-match `post_logout_redirect_uri` values accepted by the logout endpoint. */
  postLogoutRedirectUris?: string[];
  grantTypes: GrantType[];
  /** Scopes the client may request (authorization_code) or is granted (client_credentials). */
  scopes: string[];
  /** Overrides the global `signing` for this client's id_tokens (Authentic2's per-client `idtoken_algo`). */
  idTokenAlg?: SigningAlg;
  /** Require PKCE even though the client is confidential (always required for public clients). */
  pkceRequired?: boolean;
  /** May call the Authentic2 REST API with HTTP Basic `client_id:client_secret` (Authentic2's API access flag). */
  apiAccess?: boolean;
}

export interface Faults {
  /** Delay added before every non-admin response. */
  latencyMs: number;
  /** Probability (0..1) that a non-admin request is answered 503. */
  errorRate: number;
  /** Every non-admin endpoint fails (see `downMode`). */
  down: boolean;
  /** How `down` fails: "503" answers an HTML 503 page; "reset" destroys the socket without answering. */
  downMode: "503" | "reset";
}

export interface SimulatorConfig {
  /** Issuer identifier, with Authentic2's trailing slash (`http://host:port/`). */
  issuer: string;
  /** Public base URL without trailing slash (endpoints are built from it). */
  baseUrl: string;
  signing: SigningAlg;
  apiAudience: string;
  accessTokenFormat: AccessTokenFormat;
  hs256AccessTokenSecret: string;
  tokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  codeTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  refreshTokenGraceSeconds: number;
  restApi: { username: string; password: string };
  publikSignatureKeys: Record<string, string>;
  signatureMaxSkewSeconds: number;
  includePasswordField: boolean;
  demarchesBaseUrl: string;
}

export interface Session {
  /** Value of the simulator's session cookie (secret). */
  key: string;
  /** Session id published in tokens (`sid`). */
  sid: string;
  personaUuid: string;
  authTime: number;
  endedAt?: number;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  personaUuid: string;
  sid: string;
  scopes: string[];
  redirectUri: string;
  nonce?: string;
  codeChallenge?: string;
  authTime: number;
  expiresAt: number;
  usedAt?: number;
}

export interface RefreshGrant {
  token: string;
  clientId: string;
  personaUuid: string;
  scopes: string[];
  sid?: string;
  authTime: number;
  expiresAt: number;
  /** Access tokens (jti) and refresh tokens issued by redeeming this one, invalidated if it is redeemed again. */
  issuedJtis: string[];
  issuedRefreshTokens: string[];
}

/** What a valid access token says, JWT or opaque. */
export interface AccessTokenInfo {
  jti: string;
  clientId: string;
  /** Absent for client-credentials tokens. */
  sub?: string;
  scopes: string[];
  sid?: string;
  expiresAt: number;
}

export interface IssueTokenOptions {
  /** Client the token is issued to (default: the platform client `parvis`). */
  clientId?: string;
  /** Space-separated scopes (default `openid profile email roles`). */
  scope?: string;
  /** "access" (default) returns an access token, "id" an id_token. */
  kind?: "access" | "id";
  ttlSeconds?: number;
  nonce?: string;
}

export class OAuthError extends Error {
  override name = "OAuthError";
  readonly error: string;
  readonly status: number;
  constructor(error: string, description: string, status = 400) {
    super(description);
    this.error = error;
    this.status = status;
  }
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Constant-time comparison of two strings of any length. */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

export function pkceS256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

export class SimulatorState {
  readonly config: SimulatorConfig;
  readonly keys: KeyStore;
  readonly logger: Logger;
  readonly clients: Map<string, SimulatorClient>;
  readonly seeded: readonly Persona[];
  readonly accounts = new Map<string, Persona>();
  readonly lastLogin = new Map<string, string | null>();
  readonly sessions = new Map<string, Session>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly opaqueAccessTokens = new Map<string, AccessTokenInfo>();
  readonly revokedJtis = new Map<string, number>();
  readonly seenNonces = new Map<string, number>();
  faults: Faults;

  constructor(init: {
    config: SimulatorConfig;
    keys: KeyStore;
    logger: Logger;
    clients: SimulatorClient[];
    personas: readonly Persona[];
    faults: Faults;
  }) {
    this.config = init.config;
    this.keys = init.keys;
    this.logger = init.logger;
    this.clients = new Map(init.clients.map((client) => [client.clientId, client]));
    this.seeded = init.personas;
    this.faults = init.faults;
    this.restoreAccounts();
  }

  restoreAccounts(): void {
    this.accounts.clear();
    for (const persona of this.seeded) {
      this.accounts.set(persona.uuid, persona);
      if (!this.lastLogin.has(persona.uuid)) this.lastLogin.set(persona.uuid, persona.lastLogin);
    }
  }

  deleteAccount(uuid: string): boolean {
    const existed = this.accounts.delete(uuid);
    if (existed) {
      for (const session of this.sessions.values()) {
        if (session.personaUuid === uuid) session.endedAt ??= Date.now();
      }
    }
    return existed;
  }

  /** Drops expired codes, ended sessions, refresh tokens and revocation records (called opportunistically). */
  sweep(now = Date.now()): void {
    for (const [code, grant] of this.codes) if (grant.expiresAt + 10 * 60_000 < now) this.codes.delete(code);
    for (const [token, grant] of this.refreshTokens)
      if (grant.expiresAt < now) this.refreshTokens.delete(token);
    for (const [token, info] of this.opaqueAccessTokens)
      if (info.expiresAt < now) this.opaqueAccessTokens.delete(token);
    for (const [jti, until] of this.revokedJtis) if (until < now) this.revokedJtis.delete(jti);
    for (const [nonce, until] of this.seenNonces) if (until < now) this.seenNonces.delete(nonce);
    for (const [key, session] of this.sessions) {
      if (session.endedAt !== undefined && session.endedAt + 3_600_000 < now) this.sessions.delete(key);
    }
  }

  /** Records a Publik signature nonce; true when it was already seen inside the signature window. */
  nonceSeen(nonce: string): boolean {
    const now = Date.now();
    const until = this.seenNonces.get(nonce);
    if (until !== undefined && until >= now) return true;
    this.seenNonces.set(nonce, now + 2 * this.config.signatureMaxSkewSeconds * 1000);
    return false;
  }

  createSession(personaUuid: string): Session {
    const session: Session = {
      key: randomBytes(32).toString("base64url"),
      sid: randomBytes(16).toString("hex"),
      personaUuid,
      authTime: nowSeconds(),
    };
    this.sessions.set(session.key, session);
    const stamp = new Date().toISOString().replace("Z", "000+00:00");
    this.lastLogin.set(personaUuid, stamp);
    return session;
  }

  sessionBySid(sid: string): Session | undefined {
    for (const session of this.sessions.values()) if (session.sid === sid) return session;
    return undefined;
  }

  isSessionActive(sid: string | undefined): boolean {
    if (sid === undefined) return true;
    const session = this.sessionBySid(sid);
    return session !== undefined && session.endedAt === undefined && this.accounts.has(session.personaUuid);
  }

  #hmacKey(secret: string): Uint8Array {
    return new TextEncoder().encode(secret);
  }

  async #sign(
    payload: JWTPayload,
    alg: SigningAlg,
    typ: string,
    hmacSecret: string | undefined,
  ): Promise<string> {
    if (alg === "HS256") {
      if (hmacSecret === undefined) throw new Error("HS256 signing needs a secret");
      return new SignJWT(payload).setProtectedHeader({ alg, typ }).sign(this.#hmacKey(hmacSecret));
    }
    const key = this.keys.active(alg);
    return new SignJWT(payload).setProtectedHeader({ alg, kid: key.kid, typ }).sign(key.privateKey);
  }

  idTokenAlg(client: SimulatorClient): SigningAlg {
    return client.idTokenAlg ?? this.config.signing;
  }

  async issueIdToken(input: {
    client: SimulatorClient;
    persona: Persona;
    scopes: string[];
    sid: string;
    authTime: number;
    nonce?: string;
    ttlSeconds?: number;
  }): Promise<string> {
    const iat = nowSeconds();
    const payload: JWTPayload = {
      ...userClaims(input.persona, input.scopes, new Date()),
      iss: this.config.issuer,
      sub: input.persona.uuid,
      aud: input.client.clientId,
      exp: iat + (input.ttlSeconds ?? this.config.idTokenTtlSeconds),
      iat,
      auth_time: input.authTime,
      acr: "0",
      sid: input.sid,
    };
    if (input.nonce !== undefined) payload.nonce = input.nonce;
    return this.#sign(payload, this.idTokenAlg(input.client), "JWT", input.client.clientSecret);
  }

  /** Mints an access token for a person (`persona` set) or for a client (client credentials). */
  async issueAccessToken(input: {
    client: SimulatorClient;
    persona?: Persona;
    scopes: string[];
    sid?: string;
    authTime?: number;
    ttlSeconds?: number;
  }): Promise<{ token: string; jti: string; expiresIn: number }> {
    const iat = nowSeconds();
    const expiresIn = input.ttlSeconds ?? this.config.tokenTtlSeconds;
    const jti = randomUUID();
    const info: AccessTokenInfo = {
      jti,
      clientId: input.client.clientId,
      scopes: input.scopes,
      expiresAt: (iat + expiresIn) * 1000,
    };
    if (input.persona) info.sub = input.persona.uuid;
    if (input.sid !== undefined) info.sid = input.sid;
    if (this.config.accessTokenFormat === "opaque") {
      const token = randomUUID();
      this.opaqueAccessTokens.set(token, info);
      return { token, jti, expiresIn };
    }
    const payload: JWTPayload = {
      iss: this.config.issuer,
      aud: this.config.apiAudience,
      exp: iat + expiresIn,
      iat,
      jti,
      client_id: input.client.clientId,
      scope: input.scopes.join(" "),
    };
    if (input.persona) {
      Object.assign(payload, accessTokenUserClaims(input.persona, input.scopes, new Date()));
      payload.sub = input.persona.uuid;
      if (input.authTime !== undefined) payload.auth_time = input.authTime;
    }
    if (input.sid !== undefined) payload.sid = input.sid;
    const token = await this.#sign(
      payload,
      this.config.signing,
      "at+jwt",
      this.config.hs256AccessTokenSecret,
    );
    return { token, jti, expiresIn };
  }

  /** Validates an access token (signature, issuer, audience, expiry, revocation, session, account). */
  async verifyAccessToken(token: string): Promise<AccessTokenInfo | undefined> {
    let info: AccessTokenInfo | undefined;
    if (this.config.accessTokenFormat === "opaque") {
      info = this.opaqueAccessTokens.get(token);
      if (!info || info.expiresAt <= Date.now()) return undefined;
    } else {
      const hs256 = this.config.signing === "HS256";
      try {
        const { payload } = await jwtVerify(
          token,
          async (header) => {
            if (hs256) return this.#hmacKey(this.config.hs256AccessTokenSecret);
            const key = header.kid ? this.keys.find(header.kid) : undefined;
            if (!key || key.alg !== header.alg) throw new Error("unknown key");
            return key.publicKey;
          },
          {
            issuer: this.config.issuer,
            audience: this.config.apiAudience,
            typ: "at+jwt",
            algorithms: hs256 ? ["HS256"] : ["RS256", "ES256"],
          },
        );
        if (typeof payload.jti !== "string" || typeof payload.client_id !== "string") return undefined;
        info = {
          jti: payload.jti,
          clientId: payload.client_id,
          scopes: typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : [],
          expiresAt: (payload.exp ?? 0) * 1000,
        };
        if (typeof payload.sub === "string") info.sub = payload.sub;
        if (typeof payload.sid === "string") info.sid = payload.sid;
      } catch {
        return undefined;
      }
    }
    if (this.revokedJtis.has(info.jti)) return undefined;
    if (info.sub !== undefined && !this.accounts.has(info.sub)) return undefined;
    if (!this.isSessionActive(info.sid)) return undefined;
    return info;
  }

  revokeAccessToken(info: AccessTokenInfo): void {
    this.revokedJtis.set(info.jti, info.expiresAt);
    for (const [token, candidate] of this.opaqueAccessTokens) {
      if (candidate.jti === info.jti) this.opaqueAccessTokens.delete(token);
    }
  }

  revokeJti(jti: string): void {
    this.revokedJtis.set(jti, Date.now() + (this.config.tokenTtlSeconds + 60) * 1000);
    for (const [token, candidate] of this.opaqueAccessTokens) {
      if (candidate.jti === jti) this.opaqueAccessTokens.delete(token);
    }
  }

  createRefreshToken(
    input: Omit<RefreshGrant, "token" | "expiresAt" | "issuedJtis" | "issuedRefreshTokens">,
  ): RefreshGrant {
    const grant: RefreshGrant = {
      ...input,
      token: randomUUID(),
      expiresAt: Date.now() + this.config.refreshTokenTtlSeconds * 1000,
      issuedJtis: [],
      issuedRefreshTokens: [],
    };
    this.refreshTokens.set(grant.token, grant);
    return grant;
  }

  /** The JWK Set published at /idp/oidc/certs/. */
  jwks(): { keys: JWK[] } {
    return this.keys.jwks();
  }

  /** Convenience for tests and `npm run token`: a fresh session and a token for a persona. */
  async issueTokenFor(personaHint: Persona, options: IssueTokenOptions = {}): Promise<string> {
    const clientId = options.clientId ?? "parvis";
    const client = this.clients.get(clientId);
    if (!client) throw new Error(`unknown client ${clientId}`);
    const scopes = (options.scope ?? "openid profile email roles").split(" ").filter(Boolean);
    const session = this.createSession(personaHint.uuid);
    if (options.kind === "id") {
      return this.issueIdToken({
        client,
        persona: personaHint,
        scopes,
        sid: session.sid,
        authTime: session.authTime,
        ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
        ...(options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
      });
    }
    const { token } = await this.issueAccessToken({
      client,
      persona: personaHint,
      scopes,
      sid: session.sid,
      authTime: session.authTime,
      ...(options.ttlSeconds !== undefined ? { ttlSeconds: options.ttlSeconds } : {}),
    });
    return token;
  }
}
