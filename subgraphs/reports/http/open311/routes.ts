// The Open311 GeoReport v2 endpoint under /open311/v2/ — the dispatcher. Each operation lives in operations/ with
// its declared input schema (as mySociety's Open311::Endpoint declares GET_Service_List, POST_Service_Request, …);
// this file does what is common to all: resource and format from the path, 405 with Allow for a method a resource
// does not take, bodies (form-encoded or multipart), the api_key (in the body of a POST, never in its URL),
// jurisdiction_id, rate limits, and errors as the specification describes them (HTTP 404 for what does not exist,
// 403 for a missing or wrong api_key, 400 for anything else, the body listing each error).
// Every answer comes from the reports subgraph's GraphQL API, as an anonymous caller for reads and as the partner
// client of the API key for posts: the same permissions, validation and events as any other client.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type BodyLimits, paramsFromForm, parseMultipart, type UploadedFile, utf8OrThrow } from "./body.ts";
import { CONTENT_TYPES, Open311Error, type Open311Format, render, renderErrors } from "./format.ts";
import { fieldsOf, type Open311Deps, type Open311Operation, parseInput } from "./operation.ts";
import { getDiscovery, OPEN311_PREFIX } from "./operations/discovery.ts";
import { postServiceRequest } from "./operations/postServiceRequest.ts";
import { postServiceRequestUpdate } from "./operations/postServiceRequestUpdate.ts";
import { getServiceDefinition } from "./operations/serviceDefinition.ts";
import { getServiceList } from "./operations/serviceList.ts";
import { getServiceRequest } from "./operations/serviceRequest.ts";
import { getServiceRequests } from "./operations/serviceRequests.ts";
import { getServiceRequestUpdates } from "./operations/serviceRequestUpdates.ts";
import { getToken } from "./operations/token.ts";
import { mergeParams, type Params, single } from "./params.ts";

export type { Open311Deps } from "./operation.ts";
export { OPEN311_PREFIX } from "./operations/discovery.ts";

const OPERATIONS: readonly Open311Operation<never>[] = [
  getDiscovery,
  getServiceList,
  getServiceDefinition,
  getServiceRequests,
  postServiceRequest,
  getServiceRequest,
  getToken,
  getServiceRequestUpdates,
  postServiceRequestUpdate,
] as unknown as Open311Operation<never>[];

/** Form bodies: a FixMyStreet description (title, detail, link) percent-encoded fits with room to spare. */
const FORM_LIMIT_BYTES = 65_536;
const FIELDS_PER_BODY = 200;

interface Route {
  /** `requests` or `requests/{id}`. */
  resource: string;
  id: string | null;
  format: string;
}

/** discovery.xml, services.json, services/{code}.xml, requests.json, requests/{id}.xml, tokens/{token}.json, … */
function routeOf(path: string): Route | null {
  const collection = /^([a-z]+)\.([A-Za-z0-9]+)$/.exec(path);
  if (collection?.[1] && collection[2]) return { resource: collection[1], id: null, format: collection[2] };
  const item = /^([a-z]+)\/([^/]+)\.([A-Za-z0-9]+)$/.exec(path);
  if (item?.[1] && item[2] && item[3]) {
    let id: string;
    try {
      id = decodeURIComponent(item[2]);
    } catch {
      return null;
    }
    return { resource: `${item[1]}/{id}`, id, format: item[3] };
  }
  return null;
}

function formatOf(url: string): Open311Format {
  return /\.json(\?|$)/i.test(url) ? "json" : "xml";
}

function sendError(reply: FastifyReply, format: Open311Format, error: Open311Error) {
  return reply
    .status(error.status)
    .header("content-type", CONTENT_TYPES[format])
    .send(renderErrors(format, error.errors));
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

export function registerOpen311Routes(scope: FastifyInstance, deps: Open311Deps): void {
  const apiKeys = [...deps.settings.open311.apiKeys].map(([key, client]) => ({
    digest: sha256(key),
    client,
  }));
  const limits: BodyLimits = {
    fileBytes: deps.settings.photoMaxBytes,
    files: deps.settings.photosPerReport,
    fields: FIELDS_PER_BODY,
    fieldBytes: FORM_LIMIT_BYTES,
  };

  // As bytes: decoded as strict UTF-8 with the percent-encoded ones (bodyOf), never with replacement characters.
  scope.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "buffer", bodyLimit: FORM_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Held in memory, then read by busboy: bounded by every photo at its largest plus the form.
  scope.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "buffer", bodyLimit: limits.files * limits.fileBytes + FORM_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Any other body is kept as is, to be refused below with an Open311 error rather than a generic one.
  scope.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: FORM_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  scope.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const format = formatOf(request.url);
    if (error.statusCode === 413) {
      return sendError(reply, format, new Open311Error(400, "Requête trop volumineuse."));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, format, new Open311Error(400, "Requête invalide."));
    }
    request.log.error({ err: error }, "Open311 endpoint failed");
    return sendError(
      reply,
      format,
      new Open311Error(400, "Erreur générale du service : réessayez plus tard."),
    );
  });

  scope.route<{ Params: { "*": string } }>({
    method: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    url: `${OPEN311_PREFIX}/*`,
    handler: async (request, reply) => {
      const route = routeOf(request.params["*"]);
      const candidates = route ? OPERATIONS.filter((operation) => operation.resource === route.resource) : [];
      if (!route || candidates.length === 0)
        return sendError(reply, formatOf(request.url), new Open311Error(404, "Ressource inconnue."));
      const format = route.format.toLowerCase();
      if (format !== "xml" && format !== "json") {
        return sendError(
          reply,
          "xml",
          new Open311Error(400, `Format ${route.format} non pris en charge : xml ou json.`),
        );
      }
      // HEAD is answered wherever GET is (fastify sends the headers only).
      const method = request.method === "HEAD" ? "GET" : request.method;
      const operation = candidates.find((candidate) => candidate.method === method);
      if (!operation) {
        const allowed = candidates.map((candidate) => candidate.method).join(", ");
        reply.header("allow", allowed);
        return sendError(
          reply,
          format,
          new Open311Error(405, `Méthode ${request.method} non acceptée ici : ${allowed}.`),
        );
      }
      // Open311 data is public and read without credentials: any web app may read it, as the standard intends.
      if (operation.method === "GET") reply.header("access-control-allow-origin", "*");
      try {
        const answer = await run(operation, route, request, deps, apiKeys, limits);
        return reply
          .status(200)
          .header("content-type", CONTENT_TYPES[format])
          .send(render(format, answer.root, answer.value));
      } catch (error) {
        if (error instanceof Open311Error) return sendError(reply, format, error);
        throw error;
      }
    },
  });
}

async function run(
  operation: Open311Operation<never>,
  route: Route,
  request: FastifyRequest,
  deps: Open311Deps,
  apiKeys: { digest: Buffer; client: string }[],
  limits: BodyLimits,
) {
  const search = request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "";
  const query = paramsFromForm(search);
  let params: Params = query;
  let files: UploadedFile[] = [];
  let clientId: string | null = null;
  if (!operation.needsApiKey) {
    await limit(deps, `open311:${deps.limiter.addressKey(request.ip)}`, deps.config.RATE_LIMIT_PER_IP);
    // Reads need no key; one given must still be right (a wrong key is a partner misconfigured, said at once).
    const key = single(query, "api_key");
    if (key !== null) clientOfKey(key, apiKeys);
  } else {
    // The specification's place for the key is the body; in a URL it would end up in every proxy's log.
    if (query.has("api_key")) {
      throw new Open311Error(
        400,
        "api_key ne doit pas figurer dans l'adresse d'un POST : envoyez-la dans le corps de la requête.",
      );
    }
    const body = await bodyOf(request, limits);
    files = body.files;
    params = mergeParams(query, body.params);
    clientId = clientOfKey(single(params, "api_key"), apiKeys);
    await limit(deps, `open311:partner:${clientId}`, deps.config.RATE_LIMIT_PER_PARTNER);
  }
  checkJurisdiction(params, deps);
  const input = parseInput(operation.input, fieldsOf(params));
  return operation.handle({ input, id: route.id, files, clientId, requestId: request.id, deps });
}

async function bodyOf(request: FastifyRequest, limits: BodyLimits) {
  const contentType = String(request.headers["content-type"] ?? "");
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/x-www-form-urlencoded") {
    const text = Buffer.isBuffer(request.body) ? utf8OrThrow(request.body) : "";
    return { params: paramsFromForm(text), files: [] };
  }
  if (mediaType === "multipart/form-data" && Buffer.isBuffer(request.body)) {
    return parseMultipart(request.body, request.headers, limits);
  }
  if (request.body !== undefined && request.body !== null && String(request.body) !== "") {
    throw new Open311Error(
      400,
      "Envoyez la demande en application/x-www-form-urlencoded (ou multipart/form-data).",
    );
  }
  return { params: new Map() as Params, files: [] };
}

async function limit(deps: Open311Deps, key: string, max: number): Promise<void> {
  if (!(await deps.limiter.consume(key, max, deps.config.RATE_LIMIT_WINDOW_SECONDS)).allowed) {
    throw new Open311Error(429, "Trop de requêtes : réessayez plus tard.");
  }
}

/** One jurisdiction is served: jurisdiction_id is optional, and when given must be ours. */
function checkJurisdiction(params: Params, deps: Open311Deps): void {
  const jurisdiction = single(params, "jurisdiction_id");
  if (jurisdiction !== null && jurisdiction !== deps.settings.open311.jurisdictionId) {
    throw new Open311Error(
      404,
      `jurisdiction_id ${jurisdiction} introuvable : ce point d'accès sert ${deps.settings.open311.jurisdictionId}.`,
    );
  }
}

/** The partner client of an API key, compared in constant time; an Open311Error (403) otherwise. */
function clientOfKey(key: string | null, apiKeys: { digest: Buffer; client: string }[]): string {
  if (key === null) throw new Open311Error(403, "api_key manquante : elle est requise pour cette opération.");
  const digest = sha256(key);
  let client: string | null = null;
  for (const candidate of apiKeys) if (timingSafeEqual(candidate.digest, digest)) client = candidate.client;
  if (client === null) throw new Open311Error(403, "api_key invalide : opération refusée.");
  return client;
}
