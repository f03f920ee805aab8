// The staff explorer's routes on the gateway:
//   GET  /explorer, /explorer/         the page (GraphiQL and the saved investigations), built by build.ts
//   GET  /explorer/assets/<file>       its hashed assets (immutable)
//   GET  /explorer/config.json         where to sign in (the provider's authorization endpoint, client id, scope)
//   GET  /explorer/schema.json         the API schema's introspection, for agents (Bearer token)
//   GET  /auth/callback                the page MonStrasbourg.eu sends the agent back to (redeems the code)
//   POST /auth/token                   redeems the code (oidcClient.ts) and admits staff only
// Every page and asset gets its own strict Content-Security-Policy (the API's is `default-src 'none'`): scripts,
// styles, fonts, workers and requests from this origin only. Styles also allow 'unsafe-inline' because the editor
// (Monaco) creates <style> elements at run time; scripts never run inline, which is what stops injected code.
import type { FastifyInstance, FastifyReply } from "fastify";
import { type IntrospectionQuery, introspectionFromSchema } from "graphql";
import { z } from "zod";
import type { Config } from "../../platform/config.ts";
import type { Logger } from "../../platform/logger.ts";
import { servedApiSchema } from "../apiSchema.ts";
import type { Authenticate } from "../auth/authenticate.ts";
import { createOidcClient, type OidcClient, SignInError } from "./oidcClient.ts";
import { EXPLORER_DIST, explorerAsset, explorerPage, type StaticFile } from "./staticFiles.ts";

export const EXPLORER_SCOPE = "openid roles";
export const CALLBACK_PATH = "/auth/callback";

export const EXPLORER_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    // GraphiQL's own stylesheet embeds its fonts and icons as data: URIs.
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
  },
};

export interface ExplorerDeps {
  config: Config;
  log: Logger;
  authenticate: Authenticate;
  /** Where the built explorer is (tests may point elsewhere). */
  dist?: string;
  oidc?: OidcClient;
}

const TokenRequest = z.object({
  code: z.string().min(1).max(2048),
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/),
  redirectUri: z.url().max(2048),
  nonce: z.string().min(16).max(256),
});

const NOT_BUILT = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Explorateur Parvis</title>
<p>L'explorateur n'est pas construit : lancez <code>npm run explorer:build</code> (ou <code>npm start</code>, qui le construit s'il manque).</p></html>`;

export async function registerExplorerRoutes(app: FastifyInstance, deps: ExplorerDeps): Promise<void> {
  const dist = deps.dist ?? EXPLORER_DIST;
  const oidc = deps.oidc ?? createOidcClient(deps.config);
  const log = deps.log.child({ component: "explorer" });
  const helmet = {
    contentSecurityPolicy: EXPLORER_CSP,
    crossOriginResourcePolicy: { policy: "same-origin" as const },
    referrerPolicy: { policy: "no-referrer" as const },
    hsts: deps.config.NODE_ENV === "production",
  };

  const send = (reply: FastifyReply, file: StaticFile | null, cache: string) => {
    if (!file) return reply.status(404).type("text/plain; charset=utf-8").send("Introuvable.");
    return reply
      .header("cache-control", cache)
      .header("content-length", file.size)
      .type(file.contentType)
      .send(file.stream);
  };
  const page = async (reply: FastifyReply, name: "index.html" | "callback.html") => {
    const file = await explorerPage(name, dist);
    if (!file) return reply.status(503).type("text/html; charset=utf-8").send(NOT_BUILT);
    return send(reply, file, "no-cache");
  };

  app.get("/explorer", { helmet }, (_request, reply) => page(reply, "index.html"));
  app.get("/explorer/", { helmet }, (_request, reply) => page(reply, "index.html"));
  app.get(CALLBACK_PATH, { helmet }, (_request, reply) => page(reply, "callback.html"));
  app.get<{ Params: { file: string } }>("/explorer/assets/:file", { helmet }, async (request, reply) =>
    send(reply, await explorerAsset(request.params.file, dist), "public, max-age=31536000, immutable"),
  );

  app.get("/explorer/config.json", { helmet }, async (_request, reply) => {
    try {
      const { authorizationEndpoint } = await oidc.endpoints();
      return reply
        .header("cache-control", "no-store")
        .send({ authorizationEndpoint, clientId: deps.config.OIDC_CLIENT_ID, scope: EXPLORER_SCOPE });
    } catch (error) {
      return refuse(reply, error);
    }
  });

  // GraphiQL's own introspection query costs far more than the staff budget of gateway/security/costLimit.ts (every
  // list multiplies by 20): the page gets the same introspection, computed once from the served supergraph.
  let introspection: IntrospectionQuery | undefined;
  app.get("/explorer/schema.json", { helmet }, async (request, reply) => {
    reply.header("cache-control", "no-store");
    let kind: string;
    try {
      kind = (await deps.authenticate(request.headers.authorization)).kind;
    } catch {
      kind = "invalid";
    }
    if (kind !== "staff") {
      const status = kind === "anonymous" || kind === "invalid" ? 401 : 403;
      return reply.status(status).send({ error: "not_staff", message: "Réservé aux agents connectés." });
    }
    introspection ??= introspectionFromSchema(servedApiSchema(), {
      descriptions: true,
      inputValueDeprecation: true,
      specifiedByUrl: true,
    });
    return reply.send(introspection);
  });

  app.post("/auth/token", { helmet }, async (request, reply) => {
    reply.header("cache-control", "no-store");
    const parsed = TokenRequest.safeParse(request.body);
    if (!parsed.success)
      return refuse(reply, new SignInError("invalid_request", "Requête de connexion invalide."));
    const redirect = new URL(parsed.data.redirectUri);
    // Only this platform's own callback, on the origin the agent is using or the configured public one.
    const origins = new Set([
      new URL(deps.config.PUBLIC_BASE_URL).origin,
      `${request.protocol}://${request.host}`,
    ]);
    if (redirect.pathname !== CALLBACK_PATH || redirect.search || !origins.has(redirect.origin)) {
      return refuse(reply, new SignInError("invalid_request", "Adresse de retour inattendue."));
    }
    try {
      const { accessToken, expiresIn, idToken } = await oidc.redeem(parsed.data);
      const caller = await deps.authenticate(`Bearer ${accessToken}`);
      if (caller.kind !== "staff" || caller.subject !== idToken.sub) {
        log.info({ kind: caller.kind }, "explorer sign-in refused: not a staff member");
        throw new SignInError(
          "not_staff",
          "L'explorateur est réservé aux agents de la Ville et de l'Eurométropole. Votre compte n'a pas de rôle d'agent.",
          403,
        );
      }
      log.info({ staffService: caller.staffService }, "explorer sign-in");
      return reply.send({
        accessToken,
        expiresIn,
        staffService: caller.staffService,
        roles: caller.roles.filter((role) => role !== "citizen"),
      });
    } catch (error) {
      return refuse(reply, error);
    }
  });

  function refuse(reply: FastifyReply, error: unknown) {
    if (error instanceof SignInError) {
      return reply.status(error.status).send({ error: error.code, message: error.message });
    }
    // An unverifiable access token (authenticate) or anything unexpected: never say more than that.
    log.warn({ err: error instanceof Error ? error.name : "unknown" }, "explorer sign-in failed");
    return reply
      .status(401)
      .send({ error: "sign_in_failed", message: "La connexion n'a pas pu aboutir : recommencez." });
  }
}
