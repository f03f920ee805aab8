// OpenID Connect provider endpoints, at Authentic2's paths (authentic2_idp_oidc/urls.py):
//   /.well-known/openid-configuration, /idp/oidc/authorize/, /idp/oidc/token/, /idp/oidc/user_info/,
//   /idp/oidc/certs/, /idp/oidc/logout/, /idp/oidc/revoke/ (the trailing slash is optional, as in Authentic2).
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { compactVerify, decodeJwt, decodeProtectedHeader } from "jose";
import { SUPPORTED_CLAIMS, SUPPORTED_SCOPES, userClaims } from "./claims.ts";
import {
  escapeHtml,
  FormBody,
  formDecode,
  parseBasic,
  rawQuery,
  readCookie,
  repeatedNames,
  sendHtml,
  withParams,
} from "./http.ts";
import { findPersona, type Persona } from "./personas.ts";
import {
  type GrantType,
  OAuthError,
  pkceS256,
  type Session,
  type SimulatorClient,
  type SimulatorState,
  safeEqual,
} from "./state.ts";

export const SESSION_COOKIE = "monstrasbourg_sim_session";

export const OIDC_PATHS = {
  discovery: "/.well-known/openid-configuration",
  authorize: "/idp/oidc/authorize/",
  token: "/idp/oidc/token/",
  userinfo: "/idp/oidc/user_info/",
  certs: "/idp/oidc/certs/",
  logout: "/idp/oidc/logout/",
  revoke: "/idp/oidc/revoke/",
} as const;

const GRANT_TYPES: readonly GrantType[] = ["authorization_code", "refresh_token", "client_credentials"];
const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const PKCE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** Both `/x/` and `/x` are served, like Authentic2's `^idp/oidc/x/?$` patterns. */
function both(path: string): string[] {
  return [path, path.replace(/\/$/, "")];
}

function scopeSet(scope: string): string[] {
  return [...new Set(scope.split(" ").filter(Boolean))];
}

export function discoveryDocument(state: SimulatorState): Record<string, unknown> {
  const base = state.config.baseUrl;
  const clients = [...state.clients.values()];
  const authMethods = ["client_secret_post", "client_secret_basic"];
  if (clients.some((client) => client.clientSecret === undefined)) authMethods.push("none");
  return {
    issuer: state.config.issuer,
    authorization_endpoint: `${base}${OIDC_PATHS.authorize}`,
    token_endpoint: `${base}${OIDC_PATHS.token}`,
    token_revocation_endpoint: `${base}${OIDC_PATHS.revoke}`,
    jwks_uri: `${base}${OIDC_PATHS.certs}`,
    end_session_endpoint: `${base}${OIDC_PATHS.logout}`,
    userinfo_endpoint: `${base}${OIDC_PATHS.userinfo}`,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: [...GRANT_TYPES],
    subject_types_supported: ["public"],
    token_endpoint_auth_methods_supported: authMethods,
    id_token_signing_alg_values_supported: ["RS256", "HS256", "ES256"],
    scopes_supported: [...SUPPORTED_SCOPES],
    claims_supported: [...SUPPORTED_CLAIMS],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
    frontchannel_logout_supported: false,
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}

function sendOAuthError(reply: FastifyReply, error: OAuthError, client?: SimulatorClient): FastifyReply {
  const body: Record<string, string> = { error: error.error, error_description: error.message };
  if (client) body.client_id = client.clientId;
  if (error.status === 401) reply.header("WWW-Authenticate", 'Basic realm="MonStrasbourg.eu"');
  return reply.code(error.status).header("Cache-Control", "no-store").header("Pragma", "no-cache").send(body);
}

/** Client authentication at the token and revocation endpoints (client_secret_basic, _post, or none). */
function authenticateClient(
  state: SimulatorState,
  request: FastifyRequest,
  params: URLSearchParams,
): SimulatorClient {
  const invalid = (description: string) => new OAuthError("invalid_client", description, 401);
  const header = request.headers.authorization;
  let clientId: string;
  let secret: string | undefined;
  if (header !== undefined) {
    const basic = parseBasic(header);
    if (!basic) throw invalid("Unsupported or malformed Authorization header (client_secret_basic expected)");
    if (params.has("client_secret")) {
      throw new OAuthError("invalid_request", "Use only one client authentication method");
    }
    clientId = formDecode(basic.user);
    secret = formDecode(basic.password);
    const bodyClientId = params.get("client_id");
    if (bodyClientId !== null && bodyClientId !== clientId) {
      throw new OAuthError("invalid_request", "client_id does not match the authenticated client");
    }
  } else {
    const bodyClientId = params.get("client_id");
    if (!bodyClientId) throw invalid("Client authentication is required");
    clientId = bodyClientId;
    secret = params.get("client_secret") ?? undefined;
  }
  const client = state.clients.get(clientId);
  if (!client) throw invalid("Unknown client identifier");
  if (client.clientSecret === undefined) {
    if (secret !== undefined && secret !== "") throw invalid("Public client must not send a secret");
    return client;
  }
  if (secret === undefined || !safeEqual(secret, client.clientSecret)) throw invalid("Wrong client secret");
  return client;
}

function formParams(body: unknown): URLSearchParams {
  if (body instanceof FormBody) return body.params;
  throw new OAuthError("invalid_request", "Request body must be application/x-www-form-urlencoded");
}

export function registerOidcRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.get(OIDC_PATHS.discovery, async (_request, reply) =>
    reply.header("Access-Control-Allow-Origin", "*").send(discoveryDocument(state)),
  );

  for (const path of both(OIDC_PATHS.certs)) {
    app.get(path, async (_request, reply) =>
      reply
        .header("Access-Control-Allow-Origin", "*")
        .header("Cache-Control", "max-age=300")
        .type("application/json")
        .send(state.jwks()),
    );
  }

  // ---------------------------------------------------------------- authorize
  const chooser = (reply: FastifyReply, params: URLSearchParams, notice?: string): FastifyReply => {
    const link = (extra: Record<string, string>): string => {
      const next = new URLSearchParams(params);
      for (const [name, value] of Object.entries(extra)) next.set(name, value);
      return `${OIDC_PATHS.authorize}?${next.toString()}`;
    };
    const items = [...state.accounts.values()]
      .map(
        (persona) =>
          `<li><a href="${escapeHtml(link({ login_hint: persona.key }))}">${escapeHtml(
            `${persona.firstName} ${persona.lastName}`,
          )}</a> — <code>${escapeHtml(persona.key)}</code> — ${escapeHtml(persona.description)}</li>`,
      )
      .join("\n");
    const body = `${notice ? `<p role="alert">${escapeHtml(notice)}</p>\n` : ""}<p>Connexion de développement : choisissez un compte fictif.</p>
<ul>
${items}
</ul>
<p><a href="${escapeHtml(link({ cancel: "1" }))}">Annuler</a></p>`;
    return sendHtml(reply, 200, "Se connecter", body);
  };

  const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
    const params =
      request.method === "POST" && request.body instanceof FormBody
        ? request.body.params
        : new URLSearchParams(rawQuery(request));
    const repeated = repeatedNames(params);
    const clientId = params.get("client_id");
    const redirectUri = params.get("redirect_uri");
    if (repeated.includes("client_id") || repeated.includes("redirect_uri")) {
      return sendHtml(reply, 400, "Requête invalide", "<p>Paramètre répété : client_id ou redirect_uri.</p>");
    }
    if (!clientId)
      return sendHtml(reply, 400, "Requête invalide", "<p>Paramètre « client_id » manquant.</p>");
    const client = state.clients.get(clientId);
    if (!client) {
      return sendHtml(
        reply,
        400,
        "Requête invalide",
        `<p>Identifiant de client inconnu : « ${escapeHtml(clientId)} ».</p>`,
      );
    }
    if (!redirectUri)
      return sendHtml(reply, 400, "Requête invalide", "<p>Paramètre « redirect_uri » manquant.</p>");
    if (!client.redirectUris?.includes(redirectUri)) {
      return sendHtml(
        reply,
        400,
        "Requête invalide",
        `<p>L'URI de redirection « ${escapeHtml(redirectUri)} » est inconnue pour ce client.</p>`,
      );
    }

    // From here on, errors go back to the (validated) redirect URI, RFC 6749 §4.1.2.1.
    const stateParam = params.get("state") ?? undefined;
    const fail = (error: string, description: string) =>
      reply.header("Cache-Control", "no-store").redirect(
        withParams(redirectUri, {
          error,
          error_description: description,
          state: stateParam,
          iss: state.config.issuer,
        }),
        302,
      );

    if (repeated.length > 0) return fail("invalid_request", `Repeated parameter: ${repeated.join(", ")}`);
    const responseType = params.get("response_type");
    if (!responseType) return fail("invalid_request", 'Missing parameter "response_type"');
    if (responseType !== "code") return fail("unsupported_response_type", 'Response type must be "code"');
    if (!client.grantTypes.includes("authorization_code")) {
      return fail("unauthorized_client", "Client is not allowed to use the authorization code flow");
    }
    const scope = params.get("scope");
    if (!scope) return fail("invalid_request", 'Missing parameter "scope"');
    const scopes = scopeSet(scope);
    if (!scopes.includes("openid")) return fail("invalid_scope", 'Scope must contain "openid"');
    const refused = scopes.filter((name) => !client.scopes.includes(name));
    if (refused.length > 0)
      return fail("invalid_scope", `Scope not allowed for this client: ${refused.join(", ")}`);

    const maxAgeParam = params.get("max_age");
    let maxAge: number | undefined;
    if (maxAgeParam !== null && maxAgeParam !== "") {
      maxAge = Number(maxAgeParam);
      if (!Number.isInteger(maxAge) || maxAge < 0) {
        return fail("invalid_request", 'Parameter "max_age" must be a positive integer');
      }
    }

    const codeChallenge = params.get("code_challenge") || undefined;
    if (codeChallenge !== undefined) {
      const method = params.get("code_challenge_method") ?? "plain";
      if (method !== "S256")
        return fail("invalid_request", 'Parameter "code_challenge_method" must be "S256"');
      if (!PKCE_CHALLENGE.test(codeChallenge)) {
        return fail("invalid_request", "code_challenge must be a base64url SHA-256 digest (43 characters)");
      }
    } else if (client.clientSecret === undefined || client.pkceRequired) {
      return fail("invalid_request", "PKCE is required for this client: send code_challenge (S256)");
    }

    if (params.has("cancel")) return fail("access_denied", "Authentication cancelled by user");

    const prompt = new Set(scopeSet(params.get("prompt") ?? ""));
    if (prompt.has("none") && prompt.size > 1) {
      return fail("invalid_request", 'prompt "none" cannot be combined with other values');
    }

    // Who logs in: `login_hint` picks a persona (development auto-login); otherwise the session cookie.
    let persona: Persona | undefined;
    let session: Session | undefined;
    const hint = params.get("login_hint");
    if (hint) {
      persona = findPersona(state.accounts.values(), hint);
      if (!persona) return chooser(reply, params, `Aucun compte ne correspond à « ${hint} ».`);
      session = state.createSession(persona.uuid);
      reply.header(
        "Set-Cookie",
        `${SESSION_COOKIE}=${encodeURIComponent(session.key)}; Path=/; HttpOnly; SameSite=Lax`,
      );
    } else {
      const cookie = readCookie(request, SESSION_COOKIE);
      const existing = cookie ? state.sessions.get(cookie) : undefined;
      const fresh =
        existing !== undefined &&
        existing.endedAt === undefined &&
        state.accounts.has(existing.personaUuid) &&
        (maxAge === undefined || Date.now() / 1000 - existing.authTime < maxAge);
      if (existing && fresh && !prompt.has("login")) {
        session = existing;
        persona = state.accounts.get(existing.personaUuid);
      }
      if (!session || !persona) {
        if (prompt.has("none"))
          return fail("login_required", 'Login is required but prompt parameter is "none"');
        return chooser(reply, params);
      }
    }

    state.sweep();
    const code = randomUUID();
    state.codes.set(code, {
      code,
      clientId: client.clientId,
      personaUuid: persona.uuid,
      sid: session.sid,
      scopes,
      redirectUri,
      ...(params.get("nonce") !== null ? { nonce: params.get("nonce") as string } : {}),
      ...(codeChallenge !== undefined ? { codeChallenge } : {}),
      authTime: session.authTime,
      expiresAt: Date.now() + state.config.codeTtlSeconds * 1000,
    });
    return reply
      .header("Cache-Control", "no-store")
      .redirect(withParams(redirectUri, { code, state: stateParam, iss: state.config.issuer }), 302);
  };

  for (const path of both(OIDC_PATHS.authorize)) {
    app.get(path, authorize);
    app.post(path, authorize);
  }

  // -------------------------------------------------------------------- token
  const tokenEndpoint = async (request: FastifyRequest, reply: FastifyReply) => {
    let client: SimulatorClient | undefined;
    try {
      const params = formParams(request.body);
      const repeated = repeatedNames(params);
      if (repeated.length > 0)
        throw new OAuthError("invalid_request", `Repeated parameter: ${repeated.join(", ")}`);
      const grantType = params.get("grant_type");
      if (!grantType) throw new OAuthError("invalid_request", 'Missing parameter "grant_type"');
      if (!GRANT_TYPES.includes(grantType as GrantType)) {
        throw new OAuthError("unsupported_grant_type", `Unsupported grant_type "${grantType}"`);
      }
      client = authenticateClient(state, request, params);
      if (!client.grantTypes.includes(grantType as GrantType)) {
        throw new OAuthError("unauthorized_client", `Client is not allowed to use grant_type "${grantType}"`);
      }
      state.sweep();
      let body: Record<string, unknown>;
      if (grantType === "authorization_code") body = await codeGrant(state, client, params);
      else if (grantType === "refresh_token") body = await refreshGrant(state, client, params);
      else body = await clientCredentialsGrant(state, client, params);
      return reply.header("Cache-Control", "no-store").header("Pragma", "no-cache").send(body);
    } catch (error) {
      if (error instanceof OAuthError) return sendOAuthError(reply, error, client);
      throw error;
    }
  };
  for (const path of both(OIDC_PATHS.token)) app.post(path, tokenEndpoint);

  // ---------------------------------------------------------------- user_info
  const userinfo = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header("Access-Control-Allow-Origin", "*").header("Cache-Control", "no-store");
    const bearerError = (status: number, error: string, description: string) =>
      reply
        .code(status)
        .header("WWW-Authenticate", `Bearer error="${error}", error_description="${description}"`)
        .send({ error, error_description: description });
    const header = request.headers.authorization;
    if (!header) return bearerError(401, "invalid_request", "Bearer authentication is mandatory");
    const [scheme, token, ...rest] = header.trim().split(/\s+/);
    if (scheme?.toLowerCase() !== "bearer" || !token || rest.length > 0) {
      return bearerError(401, "invalid_request", "Invalid Bearer authentication");
    }
    const info = await state.verifyAccessToken(token);
    if (!info)
      return bearerError(401, "invalid_token", "Token unknown, expired or revoked, or user disconnected");
    if (info.sub === undefined || !info.scopes.includes("openid")) {
      return bearerError(403, "insufficient_scope", "Token was not issued to a person with the openid scope");
    }
    const persona = state.accounts.get(info.sub);
    if (!persona) return bearerError(401, "invalid_token", "Account no longer exists");
    return reply.send(userClaims(persona, info.scopes, new Date()));
  };
  for (const path of both(OIDC_PATHS.userinfo)) {
    app.get(path, userinfo);
    app.post(path, userinfo);
  }

  // ------------------------------------------------------------------- revoke
  const revoke = async (request: FastifyRequest, reply: FastifyReply) => {
    let client: SimulatorClient | undefined;
    try {
      const params = formParams(request.body);
      client = authenticateClient(state, request, params);
      const tokenType = params.get("token_type");
      const token = params.get("token");
      if (!tokenType) throw new OAuthError("invalid_request", 'Missing required "token_type" parameter');
      if (!token) throw new OAuthError("invalid_request", 'Missing required "token" parameter');
      if (tokenType === "refresh_token") {
        const grant = state.refreshTokens.get(token);
        if (!grant || grant.clientId !== client.clientId) {
          throw new OAuthError("invalid_request", "Unknown refresh_token");
        }
        state.refreshTokens.delete(token);
      } else if (tokenType === "access_token") {
        const info = await state.verifyAccessToken(token);
        if (!info || info.clientId !== client.clientId)
          throw new OAuthError("invalid_request", "Unknown access_token");
        state.revokeAccessToken(info);
      } else {
        throw new OAuthError("invalid_request", "token_type must be either access_token or refresh_token");
      }
      return reply
        .header("Cache-Control", "no-store")
        .send({ err: 0, msg: `${tokenType} successfully revoked` });
    } catch (error) {
      if (error instanceof OAuthError) return sendOAuthError(reply, error, client);
      throw error;
    }
  };
  for (const path of both(OIDC_PATHS.revoke)) app.post(path, revoke);

  // ------------------------------------------------------------------- logout
  const logout = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = new URLSearchParams(rawQuery(request));
    const postLogout = params.get("post_logout_redirect_uri") || undefined;
    const stateParam = params.get("state") ?? undefined;
    const hint = params.get("id_token_hint") || undefined;
    const clientIdParam = params.get("client_id") || undefined;

    let client: SimulatorClient | undefined;
    let hintedSid: string | undefined;
    if (hint) {
      const verified = await verifyIdTokenHint(state, hint);
      if (!verified) return sendHtml(reply, 400, "Déconnexion impossible", "<p>id_token_hint invalide.</p>");
      client = verified.client;
      hintedSid = verified.sid;
    }
    if (clientIdParam) {
      const named = state.clients.get(clientIdParam);
      if (!named || (client && client.clientId !== named.clientId)) {
        return sendHtml(reply, 400, "Déconnexion impossible", "<p>client_id inconnu ou incohérent.</p>");
      }
      client = named;
    }
    if (postLogout) {
      const candidates = client ? [client] : [...state.clients.values()];
      if (!candidates.some((candidate) => candidate.postLogoutRedirectUris?.includes(postLogout))) {
        return sendHtml(
          reply,
          400,
          "Déconnexion impossible",
          "<p>URI de redirection après déconnexion invalide.</p>",
        );
      }
    }

    const now = Date.now();
    const cookie = readCookie(request, SESSION_COOKIE);
    const cookieSession = cookie ? state.sessions.get(cookie) : undefined;
    if (cookieSession) cookieSession.endedAt ??= now;
    const hinted = hintedSid ? state.sessionBySid(hintedSid) : undefined;
    if (hinted) hinted.endedAt ??= now;
    reply.header("Set-Cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);

    if (postLogout) {
      return reply
        .header("Cache-Control", "no-store")
        .redirect(withParams(postLogout, { state: stateParam }), 302);
    }
    return sendHtml(reply, 200, "Déconnexion", "<p>Vous êtes déconnecté·e de MonStrasbourg.eu.</p>");
  };
  for (const path of both(OIDC_PATHS.logout)) app.get(path, logout);
}

/** Checks an id_token_hint's signature and issuer (its expiry is deliberately ignored, as OIDC allows). */
async function verifyIdTokenHint(
  state: SimulatorState,
  token: string,
): Promise<{ client: SimulatorClient; sid?: string } | undefined> {
  try {
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
    const client = aud ? state.clients.get(aud) : undefined;
    if (!client || claims.iss !== state.config.issuer) return undefined;
    if (header.alg === "HS256") {
      if (client.clientSecret === undefined) return undefined;
      await compactVerify(token, new TextEncoder().encode(client.clientSecret), { algorithms: ["HS256"] });
    } else {
      const key = header.kid ? state.keys.find(header.kid) : undefined;
      if (!key || key.alg !== header.alg) return undefined;
      await compactVerify(token, key.publicKey, { algorithms: [key.alg] });
    }
    return typeof claims.sid === "string" ? { client, sid: claims.sid } : { client };
  } catch {
    return undefined;
  }
}

async function codeGrant(
  state: SimulatorState,
  client: SimulatorClient,
  params: URLSearchParams,
): Promise<Record<string, unknown>> {
  const code = params.get("code");
  if (!code) throw new OAuthError("invalid_request", 'Missing parameter "code"');
  const grant = state.codes.get(code);
  const now = Date.now();
  if (!grant || grant.expiresAt < now)
    throw new OAuthError("invalid_grant", "Code is unknown or has expired.");
  if (grant.clientId !== client.clientId)
    throw new OAuthError("invalid_grant", "Code was issued to a different client.");
  if (grant.usedAt !== undefined) {
    // RFC 6749 §4.1.2: a replayed code revokes what it produced.
    const session = state.sessionBySid(grant.sid);
    if (session) session.endedAt ??= now;
    for (const [token, refresh] of state.refreshTokens) {
      if (refresh.sid === grant.sid) {
        for (const jti of refresh.issuedJtis) state.revokeJti(jti);
        state.refreshTokens.delete(token);
      }
    }
    throw new OAuthError("invalid_grant", "Code has already been used.");
  }
  grant.usedAt = now;
  if (params.get("redirect_uri") !== grant.redirectUri) {
    throw new OAuthError("invalid_grant", "Redirect_uri does not match the code.");
  }
  const verifier = params.get("code_verifier");
  if (grant.codeChallenge !== undefined) {
    if (!verifier) throw new OAuthError("invalid_request", 'Missing parameter "code_verifier"');
    if (!PKCE_VERIFIER.test(verifier) || !safeEqual(pkceS256(verifier), grant.codeChallenge)) {
      throw new OAuthError("invalid_grant", "The code_verifier does not match the code_challenge.");
    }
  } else if (verifier !== null) {
    throw new OAuthError(
      "invalid_grant",
      "code_verifier sent but no code_challenge was given at authorization.",
    );
  }
  if (!state.isSessionActive(grant.sid))
    throw new OAuthError("invalid_grant", "User is disconnected or session was lost.");
  const persona = state.accounts.get(grant.personaUuid);
  if (!persona) throw new OAuthError("invalid_grant", "Account no longer exists.");

  const access = await state.issueAccessToken({
    client,
    persona,
    scopes: grant.scopes,
    sid: grant.sid,
    authTime: grant.authTime,
  });
  const idToken = await state.issueIdToken({
    client,
    persona,
    scopes: grant.scopes,
    sid: grant.sid,
    authTime: grant.authTime,
    ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
  });
  const body: Record<string, unknown> = {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    id_token: idToken,
    scope: grant.scopes.join(" "),
  };
  if (client.grantTypes.includes("refresh_token")) {
    const refresh = state.createRefreshToken({
      clientId: client.clientId,
      personaUuid: persona.uuid,
      scopes: grant.scopes,
      sid: grant.sid,
      authTime: grant.authTime,
    });
    body.refresh_token = refresh.token;
  }
  return body;
}

async function refreshGrant(
  state: SimulatorState,
  client: SimulatorClient,
  params: URLSearchParams,
): Promise<Record<string, unknown>> {
  const token = params.get("refresh_token");
  if (!token) throw new OAuthError("invalid_request", 'Missing parameter "refresh_token"');
  const grant = state.refreshTokens.get(token);
  const now = Date.now();
  if (!grant || grant.clientId !== client.clientId || grant.expiresAt < now) {
    throw new OAuthError("invalid_grant", "Refresh token is invalid or stale.");
  }
  const persona = state.accounts.get(grant.personaUuid);
  if (!persona) {
    state.refreshTokens.delete(token);
    throw new OAuthError("invalid_grant", "Account no longer exists.");
  }
  // As Authentic2: redeeming a refresh token again invalidates what its previous redemption produced, and a
  // redeemed token stays usable only for a short grace period.
  for (const jti of grant.issuedJtis) state.revokeJti(jti);
  for (const child of grant.issuedRefreshTokens) state.refreshTokens.delete(child);
  const access = await state.issueAccessToken({
    client,
    persona,
    scopes: grant.scopes,
    authTime: grant.authTime,
  });
  const next = state.createRefreshToken({
    clientId: client.clientId,
    personaUuid: persona.uuid,
    scopes: grant.scopes,
    ...(grant.sid !== undefined ? { sid: grant.sid } : {}),
    authTime: grant.authTime,
  });
  grant.issuedJtis = [access.jti];
  grant.issuedRefreshTokens = [next.token];
  grant.expiresAt = Math.min(grant.expiresAt, now + state.config.refreshTokenGraceSeconds * 1000);
  return {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    refresh_token: next.token,
    scope: grant.scopes.join(" "),
  };
}

async function clientCredentialsGrant(
  state: SimulatorState,
  client: SimulatorClient,
  params: URLSearchParams,
): Promise<Record<string, unknown>> {
  const requested = params.get("scope");
  const scopes = requested ? scopeSet(requested) : [...client.scopes];
  const refused = scopes.filter((name) => !client.scopes.includes(name));
  if (refused.length > 0)
    throw new OAuthError("invalid_scope", `Scope not allowed for this client: ${refused.join(", ")}`);
  const access = await state.issueAccessToken({ client, scopes });
  return {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    scope: scopes.join(" "),
  };
}
