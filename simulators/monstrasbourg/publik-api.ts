// Publik server-to-server REST endpoints.
// Authentic2 (identity): GET /api/users/{uuid}/ and POST /api/users/synchronization/, authenticated with HTTP
// Basic (an API client's identifier/password, or an OIDC client flagged for API access) or with a Publik signed
// query string. w.c.s. (e-démarches): GET /api/user/forms?NameID=…, authenticated by a Publik signed query
// string only. In a real Publik deployment the two live on different hosts; the simulator serves both.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { publikUserDocument, wcsFormEntry } from "./claims.ts";
import { escapeHtml, parseBasic, rawQuery, sendHtml } from "./http.ts";
import { type PublikSignatureFailure, verifyPublikQuery } from "./publik-signature.ts";
import { type SimulatorState, safeEqual } from "./state.ts";

export const PUBLIK_PATHS = {
  user: "/api/users/:uuid/",
  synchronization: "/api/users/synchronization/",
  userForms: "/api/user/forms",
} as const;

const SIGNATURE_MESSAGES: Record<PublikSignatureFailure, string> = {
  "missing-signature": "missing signature",
  "missing-parameter": "missing algo, timestamp or orig",
  "unsupported-algo": "invalid algo",
  "bad-timestamp": "invalid timestamp",
  "expired-timestamp": "timestamp is not within the accepted window",
  "unknown-orig": "unknown orig",
  "bad-signature": "invalid signature",
  "replayed-nonce": "nonce already used",
};

function verifySignedRequest(state: SimulatorState, request: FastifyRequest) {
  return verifyPublikQuery(rawQuery(request), (orig) => state.config.publikSignatureKeys[orig], {
    maxSkewSeconds: state.config.signatureMaxSkewSeconds,
    seenNonce: (nonce) => state.nonceSeen(nonce),
  });
}

/** Authentic2 API authentication: HTTP Basic (API user or API-enabled OIDC client) or a signed query string. */
function authenticateApi(state: SimulatorState, request: FastifyRequest): "ok" | "missing" | "invalid" {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const basic = parseBasic(header);
    if (!basic) return "invalid";
    const { username, password } = state.config.restApi;
    if (safeEqual(basic.user, username) && safeEqual(basic.password, password)) return "ok";
    const client = state.clients.get(basic.user);
    if (
      client?.apiAccess &&
      client.clientSecret !== undefined &&
      safeEqual(basic.password, client.clientSecret)
    ) {
      return "ok";
    }
    return "invalid";
  }
  if (/(^|&)signature=/.test(rawQuery(request)))
    return verifySignedRequest(state, request).ok ? "ok" : "invalid";
  return "missing";
}

function refuse(reply: FastifyReply, outcome: "missing" | "invalid"): FastifyReply {
  return reply
    .code(401)
    .header("WWW-Authenticate", 'Basic realm="api"')
    .send({
      detail:
        outcome === "missing"
          ? "Authentication credentials were not provided."
          : "Invalid username/password.",
    });
}

const USER_UUID = /^[0-9a-f]{32}$/;

export function registerPublikRoutes(app: FastifyInstance, state: SimulatorState): void {
  app.get<{ Params: { uuid: string } }>(PUBLIK_PATHS.user, async (request, reply) => {
    const outcome = authenticateApi(state, request);
    if (outcome !== "ok") return refuse(reply, outcome);
    const uuid = request.params.uuid;
    const persona = USER_UUID.test(uuid) ? state.accounts.get(uuid) : undefined;
    if (!persona) return reply.code(404).send({ detail: "Not found." });
    return reply.header("Cache-Control", "no-store").send(
      publikUserDocument(persona, state.lastLogin.get(uuid) ?? null, {
        includePasswordField: state.config.includePasswordField,
      }),
    );
  });

  // Django's APPEND_SLASH: the slash-less URL redirects (the adapter should call the slashed one).
  app.get<{ Params: { uuid: string } }>("/api/users/:uuid", async (request, reply) => {
    const query = rawQuery(request);
    return reply.redirect(
      `/api/users/${encodeURIComponent(request.params.uuid)}/${query ? `?${query}` : ""}`,
      301,
    );
  });

  app.post(PUBLIK_PATHS.synchronization, async (request, reply) => {
    const outcome = authenticateApi(state, request);
    if (outcome !== "ok") return refuse(reply, outcome);
    const body = request.body as { known_uuids?: unknown } | null | undefined;
    const known = typeof body === "object" && body !== null ? body.known_uuids : undefined;
    if (!Array.isArray(known) || !known.every((value) => typeof value === "string")) {
      return reply.code(400).send({
        err: 1,
        result: 0,
        errors: { known_uuids: ['A JSON body {"known_uuids": [string, …]} is required.'] },
      });
    }
    const unknown = [...new Set(known as string[])].filter((uuid) => !state.accounts.has(uuid));
    return reply.send({ err: 0, result: 1, unknown_uuids: unknown });
  });

  const userForms = async (request: FastifyRequest, reply: FastifyReply) => {
    const forbidden = (description: string) =>
      reply.code(403).send({ err: 1, err_class: "Access denied", err_desc: description });
    const verified = verifySignedRequest(state, request);
    if (!verified.ok) return forbidden(SIGNATURE_MESSAGES[verified.reason]);
    const nameId = verified.params.get("NameID");
    if (!nameId) return forbidden("no user specified (NameID)");
    const persona = state.accounts.get(nameId);
    if (!persona) return forbidden("unknown NameID");
    const includeDrafts = verified.params.get("include-drafts") === "true";
    const full = verified.params.get("full") === "on";
    const data = persona.forms
      .filter((form) => includeDrafts || !form.draft)
      .map((form) => wcsFormEntry(persona, form, state.config.demarchesBaseUrl, full));
    return reply.header("Cache-Control", "no-store").send({ err: 0, data });
  };
  app.get(PUBLIK_PATHS.userForms, userForms);
  app.get(`${PUBLIK_PATHS.userForms}/`, userForms);

  // Where the demo forms' `url` point to (so a link followed in development lands somewhere).
  app.get("/demarches/*", async (request, reply) =>
    sendHtml(
      reply,
      200,
      "Démarche (simulée)",
      `<p>Page de démarche simulée : <code>${escapeHtml(request.url)}</code>.</p>`,
    ),
  );
}
