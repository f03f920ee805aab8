/// <reference lib="dom" />
// The agent's session in this browser tab: the access token the gateway handed back after sign-in, kept in
// sessionStorage (gone when the tab closes, never in localStorage, never in a cookie sent to other paths).
// The page's CSP allows scripts from this origin only, which is what keeps the token from injected code.

const TOKEN_KEY = "parvis.explorer.session";
const PENDING_KEY = "parvis.explorer.pending-sign-in";
const REFUSAL_KEY = "parvis.explorer.refusal";

export interface Session {
  accessToken: string;
  expiresAt: number;
  staffService: string | null;
  roles: string[];
}

export function currentSession(): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? "null") as Session | null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  sessionStorage.removeItem(REFUSAL_KEY);
}

export function endSession(reason?: string): void {
  sessionStorage.removeItem(TOKEN_KEY);
  if (reason) sessionStorage.setItem(REFUSAL_KEY, reason);
}

/** A message left by the sign-in (refusal of a non-staff account, expired session), shown once. */
export function takeNotice(): string | null {
  const notice = sessionStorage.getItem(REFUSAL_KEY);
  sessionStorage.removeItem(REFUSAL_KEY);
  return notice;
}

export function leaveNotice(message: string): void {
  sessionStorage.setItem(REFUSAL_KEY, message);
}

// ---- OpenID Connect authorization code + PKCE (RFC 7636, S256) ---------------------------------------------------

interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export const callbackUri = () => `${location.origin}/auth/callback`;

/** Sends the agent to MonStrasbourg.eu; the provider sends them back to /auth/callback with a code. */
export async function startSignIn(): Promise<void> {
  const response = await fetch("/explorer/config.json");
  const config = (await response.json()) as {
    authorizationEndpoint?: string;
    clientId?: string;
    scope?: string;
    message?: string;
  };
  if (!response.ok || !config.authorizationEndpoint || !config.clientId || !config.scope) {
    throw new Error(config.message ?? "La connexion est momentanément impossible.");
  }
  const pending: PendingSignIn = {
    state: randomToken(),
    nonce: randomToken(),
    codeVerifier: randomToken(48),
    redirectUri: callbackUri(),
  };
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(pending.codeVerifier))),
  );
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: pending.redirectUri,
    scope: config.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  location.assign(url.toString());
}

/** On /auth/callback: checks the state, has the gateway redeem the code, and keeps the session. */
export async function finishSignIn(params: URLSearchParams): Promise<Session> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? "null") as PendingSignIn | null;
  sessionStorage.removeItem(PENDING_KEY);
  const error = params.get("error");
  if (error) {
    throw new Error(
      error === "access_denied" ? "Connexion annulée." : `MonStrasbourg.eu a refusé la connexion (${error}).`,
    );
  }
  const code = params.get("code");
  if (!pending || !code || params.get("state") !== pending.state) {
    throw new Error("Réponse de connexion inattendue : recommencez depuis l'explorateur.");
  }
  const response = await fetch("/auth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      code,
      codeVerifier: pending.codeVerifier,
      redirectUri: pending.redirectUri,
      nonce: pending.nonce,
    }),
  });
  const body = (await response.json()) as {
    accessToken?: string;
    expiresIn?: number;
    staffService?: string | null;
    roles?: string[];
    message?: string;
  };
  if (!response.ok || !body.accessToken) throw new Error(body.message ?? "La connexion n'a pas pu aboutir.");
  const session: Session = {
    accessToken: body.accessToken,
    // A minute early: a request never leaves with a token about to expire.
    expiresAt: Date.now() + Math.max(0, (body.expiresIn ?? 3600) - 60) * 1000,
    staffService: body.staffService ?? null,
    roles: body.roles ?? [],
  };
  saveSession(session);
  return session;
}
