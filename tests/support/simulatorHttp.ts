// Helpers for the simulator's own tests: a relying party's side of the flows, with plain fetch.
import { createHash, randomBytes } from "node:crypto";
import {
  DEFAULT_PLATFORM_CLIENT_SECRET,
  DEFAULT_REDIRECT_URIS,
  type MonStrasbourgSimulator,
} from "../../simulators/monstrasbourg/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: the tests assert on arbitrary JSON bodies.
export type Json = any;
export interface JsonResponse extends Response {
  json(): Promise<Json>;
}
/** fetch, typed so that assertions can read JSON bodies freely. */
export const http = (input: string | URL, init?: RequestInit): Promise<JsonResponse> =>
  fetch(input, init) as Promise<JsonResponse>;

export const REDIRECT_URI = DEFAULT_REDIRECT_URIS[0] as string;

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export interface AuthorizeParams {
  persona?: string;
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  challenge?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(sim: MonStrasbourgSimulator, params: AuthorizeParams = {}): string {
  const query = new URLSearchParams({
    client_id: params.clientId ?? "parvis",
    redirect_uri: params.redirectUri ?? REDIRECT_URI,
    response_type: "code",
    scope: params.scope ?? "openid profile email roles",
    state: params.state ?? "state-123",
  });
  if (params.persona) query.set("login_hint", params.persona);
  if (params.nonce) query.set("nonce", params.nonce);
  if (params.challenge) {
    query.set("code_challenge", params.challenge);
    query.set("code_challenge_method", "S256");
  }
  for (const [name, value] of Object.entries(params.extra ?? {})) query.set(name, value);
  return `${sim.url}/idp/oidc/authorize/?${query.toString()}`;
}

/** Runs the authorize step and returns the redirect's URL (the relying party's callback). */
export async function authorize(sim: MonStrasbourgSimulator, params: AuthorizeParams = {}): Promise<URL> {
  const response = await fetch(authorizeUrl(sim, params), { redirect: "manual" });
  if (response.status !== 302)
    throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get("location") as string);
}

export async function tokenRequest(
  sim: MonStrasbourgSimulator,
  form: Record<string, string>,
  auth: { clientId?: string; secret?: string; method?: "basic" | "post" | "none" } = {},
): Promise<JsonResponse> {
  const clientId = auth.clientId ?? "parvis";
  const secret = auth.secret ?? DEFAULT_PLATFORM_CLIENT_SECRET;
  const body = new URLSearchParams(form);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  const method = auth.method ?? "basic";
  if (method === "basic") headers.authorization = basicAuth(clientId, secret);
  if (method === "post") {
    body.set("client_id", clientId);
    body.set("client_secret", secret);
  }
  if (method === "none") body.set("client_id", clientId);
  return http(`${sim.url}/idp/oidc/token/`, { method: "POST", headers, body: body.toString() });
}

export async function exchangeCode(
  sim: MonStrasbourgSimulator,
  code: string,
  verifier: string | undefined,
  auth: { clientId?: string; secret?: string; method?: "basic" | "post" | "none" } = {},
  redirectUri = REDIRECT_URI,
): Promise<JsonResponse> {
  const form: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: redirectUri };
  if (verifier !== undefined) form.code_verifier = verifier;
  return tokenRequest(sim, form, auth);
}
