// MonStrasbourg.eu simulator: a Publik / Authentic2 OpenID Connect provider plus the Publik REST endpoints the
// city's systems call (Authentic2 users API and w.c.s. user forms), with fault injection. It speaks the real
// protocols at the real paths so the platform's adapter is written once and pointed at the real system by
// configuration. See README.md for every explicit choice where the real system is unknown.
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyBaseLogger, LogController } from "fastify";
import type { JWK } from "jose";
import { type Logger, pino } from "pino";
import { ADMIN_PREFIX, applyFaults, registerAdminRoutes, registerFaultHook } from "./admin.ts";
import { pathOf, registerBodyParsers } from "./http.ts";
import { KeyStore } from "./keys.ts";
import { discoveryDocument, registerOidcRoutes } from "./oidc.ts";
import { DEFAULT_PERSONAS, findPersona, type Persona } from "./personas.ts";
import { registerPublikRoutes } from "./publik-api.ts";
import {
  type AccessTokenFormat,
  type Faults,
  type IssueTokenOptions,
  type SigningAlg,
  type SimulatorClient,
  type SimulatorConfig,
  SimulatorState,
} from "./state.ts";

export { ADMIN_PREFIX } from "./admin.ts";
export { SCOPE_CLAIMS, SUPPORTED_SCOPES } from "./claims.ts";
export { OIDC_PATHS, SESSION_COOKIE } from "./oidc.ts";
export type { DemoForm, Persona } from "./personas.ts";
export { ageBand, DEFAULT_PERSONAS, findPersona, ROLE_CATALOGUE } from "./personas.ts";
export { PUBLIK_PATHS } from "./publik-api.ts";
export type { PublikAlgo, PublikSignatureResult, SignPublikQueryOptions } from "./publik-signature.ts";
export {
  formatPublikTimestamp,
  signPublikQuery,
  signPublikUrl,
  verifyPublikQuery,
} from "./publik-signature.ts";
export type {
  AccessTokenFormat,
  Faults,
  GrantType,
  IssueTokenOptions,
  SigningAlg,
  SimulatorClient,
} from "./state.ts";

export const PLATFORM_CLIENT_ID = "parvis";
export const DEFAULT_PLATFORM_CLIENT_SECRET = "dev-only-monstrasbourg-parvis-client-secret-0123456789";
export const PARTNER_CLIENT_ID = "ems-partner";
export const DEFAULT_PARTNER_CLIENT_SECRET = "dev-only-monstrasbourg-ems-partner-secret-0123456789";
export const PARTNER_SCOPES = ["reports:read", "reports:write", "directory:write"] as const;
export const DEFAULT_API_AUDIENCE = "parvis-api";
export const DEFAULT_REST_API_CREDENTIALS = {
  username: "parvis-api",
  password: "dev-only-monstrasbourg-api-password-0123456789",
} as const;
/** Publik signed-URL keys by `orig`. */
export const DEFAULT_PUBLIK_SIGNATURE_KEYS: Readonly<Record<string, string>> = {
  parvis: "dev-only-monstrasbourg-publik-signature-key-0123456789",
};
export const DEFAULT_REDIRECT_URIS = [
  "http://localhost:4000/auth/callback",
  "http://127.0.0.1:4000/auth/callback",
];
export const DEFAULT_POST_LOGOUT_REDIRECT_URIS = ["http://localhost:4000/", "http://127.0.0.1:4000/"];
export const PLATFORM_SCOPES = ["openid", "profile", "email", "address", "phone", "roles", "offline_access"];

export const DEFAULT_FAULTS: Readonly<Faults> = { latencyMs: 0, errorRate: 0, down: false, downMode: "503" };

export interface MonStrasbourgSimulatorOptions {
  /** 0 = random port (tests). Default 0. */
  port?: number;
  /** Keeps the signing keys in this file across restarts (development); new keys on every start without it. */
  keysFile?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Public base URL (issuer and endpoint URLs) when it differs from the listen address. */
  publicUrl?: string;
  /**
   * Signature of id_tokens and JWT access tokens. Default RS256. HS256 signs id_tokens with the audience client's
   * secret (as the city's current code verifies them) and access tokens with `hs256AccessTokenSecret`.
   */
  signing?: SigningAlg;
  /** Registered clients; default: `defaultClients()` (the platform client `parvis` and the partner `ems-partner`). */
  clients?: SimulatorClient[];
  /** Secret of the default `parvis` client. */
  platformClientSecret?: string;
  /** Redirect URIs of the default `parvis` client (exact match). */
  platformRedirectUris?: string[];
  /** post_logout_redirect_uri values of the default `parvis` client. */
  platformPostLogoutRedirectUris?: string[];
  /** `aud` of access tokens (the platform's API). Default `parvis-api`. */
  apiAudience?: string;
  /** "jwt" (default, RFC 9068 `at+jwt`) or "opaque" (random uuid, like Authentic2's own access tokens). */
  accessTokenFormat?: AccessTokenFormat;
  /** HMAC key of access tokens in HS256 mode. Default: the `parvis` client secret. */
  hs256AccessTokenSecret?: string;
  /** Access-token lifetime. Default 3600 s. */
  tokenTtlSeconds?: number;
  /** id_token lifetime. Default 30 s (Authentic2's default IDTOKEN_DURATION). */
  idTokenTtlSeconds?: number;
  /** Authorization-code lifetime. Default 30 s (Authentic2's). */
  codeTtlSeconds?: number;
  /** Refresh-token lifetime. Default 30 days (Authentic2's REFRESH_TOKEN_DURATION). */
  refreshTokenTtlSeconds?: number;
  /** How long a redeemed refresh token stays usable. Default 600 s (Authentic2's). */
  refreshTokenGraceSeconds?: number;
  /** HTTP Basic credentials of the Authentic2 REST API. */
  restApi?: { username: string; password: string };
  /** Publik signed-URL keys by `orig`. */
  publikSignatureKeys?: Record<string, string>;
  /** Accepted clock distance of signed-URL timestamps. Default 30 s (Publik's). */
  signatureMaxSkewSeconds?: number;
  /** Add a `password` field (an unusable marker, never a real hash) to `/api/users/{uuid}/`, as the real API has. */
  includePasswordField?: boolean;
  /** Base URL of the demo forms' links. Default `{publicUrl}/demarches`. */
  demarchesBaseUrl?: string;
  /** Accounts of the directory. Default: DEFAULT_PERSONAS. */
  personas?: readonly Persona[];
  faults?: Partial<Faults>;
  /** pino logger; default: silent. */
  logger?: Logger;
}

export interface MonStrasbourgSimulator {
  /** Listen address, e.g. `http://127.0.0.1:4200` (no trailing slash). */
  url: string;
  /** Issuer identifier, Authentic2 style with a trailing slash, e.g. `http://127.0.0.1:4200/`. */
  issuer: string;
  /** Registered clients. */
  clients: SimulatorClient[];
  /** Accounts that currently exist (deleted ones excluded). */
  readonly personas: Persona[];
  /** Current fault settings. */
  readonly faults: Faults;
  close(): Promise<void>;
  setFaults(faults: Partial<Faults>): void;
  /** A seeded persona by key, uuid, username or e-mail (deleted or not); throws when unknown. */
  persona(key: string): Persona;
  /** Deletes an account (by uuid or key): it disappears from every API and its sessions end. */
  deleteAccount(uuid: string): boolean;
  /** Brings every seeded account back. */
  restoreAccounts(): void;
  /** A token for a persona, without the browser flow (access token by default). */
  issueToken(persona: string, options?: IssueTokenOptions): Promise<string>;
  /** A client-credentials access token for a partner client (default `ems-partner`). */
  issuePartnerToken(clientId?: string, scope?: string): Promise<string>;
  /** New signing keys; the previous ones stay published for `retainPreviousSeconds` (default: tokenTtlSeconds). */
  rotateKeys(options?: { retainPreviousSeconds?: number }): Promise<void>;
  /** The JWK Set currently published. */
  jwks(): { keys: JWK[] };
  /** The discovery document currently published. */
  discovery(): Record<string, unknown>;
}

/** The default clients: the platform (`parvis`, confidential, code + refresh) and the partner `ems-partner`. */
export function defaultClients(
  options: {
    platformClientSecret?: string;
    platformRedirectUris?: string[];
    platformPostLogoutRedirectUris?: string[];
    partnerClientSecret?: string;
  } = {},
): SimulatorClient[] {
  return [
    {
      clientId: PLATFORM_CLIENT_ID,
      name: "Parvis — plateforme de participation",
      clientSecret: options.platformClientSecret ?? DEFAULT_PLATFORM_CLIENT_SECRET,
      redirectUris: options.platformRedirectUris ?? [...DEFAULT_REDIRECT_URIS],
      postLogoutRedirectUris: options.platformPostLogoutRedirectUris ?? [
        ...DEFAULT_POST_LOGOUT_REDIRECT_URIS,
      ],
      grantTypes: ["authorization_code", "refresh_token"],
      scopes: [...PLATFORM_SCOPES],
      apiAccess: true,
    },
    {
      clientId: PARTNER_CLIENT_ID,
      name: "Eurométropole — partenaire (client credentials)",
      clientSecret: options.partnerClientSecret ?? DEFAULT_PARTNER_CLIENT_SECRET,
      grantTypes: ["client_credentials"],
      scopes: [...PARTNER_SCOPES],
    },
  ];
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 0) throw new Error(`${name} must be a non-negative integer`);
  return resolved;
}

function checkClients(clients: SimulatorClient[], signing: SigningAlg): void {
  const ids = new Set<string>();
  for (const client of clients) {
    if (ids.has(client.clientId)) throw new Error(`duplicate client ${client.clientId}`);
    ids.add(client.clientId);
    const alg = client.idTokenAlg ?? signing;
    if (
      client.grantTypes.includes("authorization_code") &&
      alg === "HS256" &&
      client.clientSecret === undefined
    ) {
      throw new Error(`client ${client.clientId}: HS256 id_tokens need a client secret`);
    }
    if (client.grantTypes.includes("client_credentials") && client.clientSecret === undefined) {
      throw new Error(`client ${client.clientId}: client_credentials needs a client secret`);
    }
  }
}

export async function startMonStrasbourgSimulator(
  options: MonStrasbourgSimulatorOptions = {},
): Promise<MonStrasbourgSimulator> {
  const logger = options.logger ?? pino({ level: "silent" });
  const signing = options.signing ?? "RS256";
  const platformClientSecret = options.platformClientSecret ?? DEFAULT_PLATFORM_CLIENT_SECRET;
  const clients =
    options.clients ??
    defaultClients({
      platformClientSecret,
      ...(options.platformRedirectUris ? { platformRedirectUris: options.platformRedirectUris } : {}),
      ...(options.platformPostLogoutRedirectUris
        ? { platformPostLogoutRedirectUris: options.platformPostLogoutRedirectUris }
        : {}),
    });
  checkClients(clients, signing);
  const tokenTtlSeconds = positiveInt("tokenTtlSeconds", options.tokenTtlSeconds, 3600);

  const config: SimulatorConfig = {
    issuer: "",
    baseUrl: "",
    demarchesBaseUrl: "",
    signing,
    apiAudience: options.apiAudience ?? DEFAULT_API_AUDIENCE,
    accessTokenFormat: options.accessTokenFormat ?? "jwt",
    hs256AccessTokenSecret: options.hs256AccessTokenSecret ?? platformClientSecret,
    tokenTtlSeconds,
    idTokenTtlSeconds: positiveInt("idTokenTtlSeconds", options.idTokenTtlSeconds, 30),
    codeTtlSeconds: positiveInt("codeTtlSeconds", options.codeTtlSeconds, 30),
    refreshTokenTtlSeconds: positiveInt(
      "refreshTokenTtlSeconds",
      options.refreshTokenTtlSeconds,
      30 * 86_400,
    ),
    refreshTokenGraceSeconds: positiveInt("refreshTokenGraceSeconds", options.refreshTokenGraceSeconds, 600),
    restApi: options.restApi ?? { ...DEFAULT_REST_API_CREDENTIALS },
    publikSignatureKeys: options.publikSignatureKeys ?? { ...DEFAULT_PUBLIK_SIGNATURE_KEYS },
    signatureMaxSkewSeconds: positiveInt("signatureMaxSkewSeconds", options.signatureMaxSkewSeconds, 30),
    includePasswordField: options.includePasswordField ?? false,
  };

  const state = new SimulatorState({
    config,
    keys: await KeyStore.create(options.keysFile ? { file: options.keysFile } : {}),
    logger,
    clients,
    personas: options.personas ?? DEFAULT_PERSONAS,
    faults: applyFaults({ ...DEFAULT_FAULTS }, options.faults ?? {}),
  });

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
  });
  registerBodyParsers(app);
  registerFaultHook(app, state);
  app.addHook("onResponse", async (request, reply) => {
    const path = pathOf(request);
    const level = path.startsWith(ADMIN_PREFIX) ? "debug" : "info";
    logger[level](
      { method: request.method, path, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      "monstrasbourg-simulator request",
    );
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    if (status >= 500) logger.error({ err: error, path: pathOf(request) }, "monstrasbourg-simulator error");
    return reply
      .code(status)
      .send(
        status >= 500
          ? { error: "server_error", error_description: "Internal error" }
          : { error: "invalid_request", error_description: error.message },
      );
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ detail: "Not found." }));

  const issuePartnerToken = async (clientId = PARTNER_CLIENT_ID, scope?: string): Promise<string> => {
    const client = state.clients.get(clientId);
    if (!client?.grantTypes.includes("client_credentials")) {
      throw new Error(`client ${clientId} is not a client-credentials client`);
    }
    const scopes = scope ? scope.split(" ").filter(Boolean) : [...client.scopes];
    const refused = scopes.filter((name) => !client.scopes.includes(name));
    if (refused.length > 0) throw new Error(`scope not allowed for ${clientId}: ${refused.join(", ")}`);
    return (await state.issueAccessToken({ client, scopes })).token;
  };
  const setFaults = (patch: Partial<Faults>): void => {
    state.faults = applyFaults(state.faults, patch);
    logger.info({ faults: state.faults }, "monstrasbourg-simulator faults changed");
  };
  const rotateKeys = async (rotation: { retainPreviousSeconds?: number } = {}): Promise<void> => {
    await state.keys.rotate(rotation.retainPreviousSeconds ?? tokenTtlSeconds);
    logger.info("monstrasbourg-simulator signing keys rotated");
  };

  registerOidcRoutes(app, state);
  registerPublikRoutes(app, state);
  registerAdminRoutes(app, state, { setFaults, rotateKeys, issuePartnerToken });

  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? 0, host });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const baseUrl = (options.publicUrl ?? url).replace(/\/+$/, "");
  config.baseUrl = baseUrl;
  config.issuer = `${baseUrl}/`;
  config.demarchesBaseUrl = (options.demarchesBaseUrl ?? `${baseUrl}/demarches`).replace(/\/+$/, "");
  logger.info({ url, issuer: config.issuer, signing }, "monstrasbourg-simulator listening");

  const persona = (key: string): Persona => {
    const found = findPersona(state.seeded, key);
    if (!found) throw new Error(`unknown persona ${key}`);
    return found;
  };

  return {
    url,
    issuer: config.issuer,
    clients,
    get personas() {
      return [...state.accounts.values()];
    },
    get faults() {
      return { ...state.faults };
    },
    close: async () => {
      await app.close();
    },
    setFaults,
    persona,
    deleteAccount: (uuid: string) => {
      const found = findPersona(state.seeded, uuid);
      return found ? state.deleteAccount(found.uuid) : false;
    },
    restoreAccounts: () => state.restoreAccounts(),
    issueToken: async (key: string, issueOptions?: IssueTokenOptions) => {
      const found = findPersona(state.accounts.values(), key);
      if (!found) throw new Error(`unknown or deleted persona ${key}`);
      return state.issueTokenFor(found, issueOptions);
    },
    issuePartnerToken,
    rotateKeys,
    jwks: () => state.jwks(),
    discovery: () => discoveryDocument(state),
  };
}
