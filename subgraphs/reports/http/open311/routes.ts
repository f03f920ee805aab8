// The Open311 GeoReport v2 endpoint under /open311/v2/: discovery, services, service definitions, requests (GET
// with the specification's filters and limits, POST with an API key), one request, and tokens — in XML and JSON,
// errors as the specification describes (HTTP 404 for what does not exist, 403 for a missing or wrong api_key,
// 400 for anything else, the body listing each error with a code and a description).
// Every answer comes from the reports subgraph's GraphQL API, as an anonymous caller for reads and as the partner
// client of the API key for posts: the same permissions, validation and events as any other client.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Cache } from "../../../kit/cache/cache.ts";
import { ANONYMOUS, type Caller, SYSTEM } from "../../../kit/caller.ts";
import type { Config } from "../../../kit/config.ts";
import { newId } from "../../../kit/ids.ts";
import type { Logger } from "../../../kit/logger.ts";
import { sanitizePhoto } from "../../domain/photos/sanitizePhoto.ts";
import type { PhotoStorage } from "../../ports/photoStorage.ts";
import type { ReportsSettings } from "../../settings.ts";
import { consumeRateLimit } from "../httpErrors.ts";
import { type ApiError, dataOrThrow, type ReportsApi, ReportsApiError } from "../reportsApi.ts";
import {
  CONTENT_TYPES,
  Open311Error,
  type Open311Format,
  type Open311Object,
  type Open311Value,
  render,
  renderErrors,
} from "./format.ts";
import {
  type CategoryAnswer,
  type DefinitionAnswer,
  definitionOf,
  REGISTER_UPLOAD,
  REQUEST,
  REQUESTS,
  type ReportAnswer,
  requestOf,
  SERVICE_DEFINITION,
  SERVICES,
  SUBMIT,
  serviceOf,
  TOKEN,
} from "./operations.ts";
import {
  attributes,
  dateRange,
  list,
  location,
  mergeParams,
  type Params,
  paramsFromSearch,
  parseMultipart,
  requestIds,
  single,
  statuses,
  type UploadedFile,
} from "./params.ts";

export const OPEN311_PREFIX = "/open311/v2";
/** "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
export const MAX_REQUESTS = 1000;
const PAGE = 100;
const FORM_LIMIT_BYTES = 65_536;
/** The version of this endpoint's service list and formats, for discovery. */
const CHANGESET = "2026-11-28T00:00:00Z";

export interface Open311Deps {
  api: ReportsApi;
  storage: PhotoStorage;
  settings: ReportsSettings;
  config: Config;
  cache: Cache;
  log: Logger;
}

type Route =
  | { resource: "discovery" | "services" | "requests"; format: string }
  | { resource: "service" | "request" | "token"; id: string; format: string };

/** discovery.xml, services.json, services/{code}.xml, requests.json, requests/{id}.xml, tokens/{token}.json. */
function routeOf(path: string): Route | null {
  const collection = /^(discovery|services|requests)\.([A-Za-z0-9]+)$/.exec(path);
  if (collection?.[1] && collection[2]) {
    return { resource: collection[1] as "discovery" | "services" | "requests", format: collection[2] };
  }
  const item = /^(services|requests|tokens)\/([^/]+)\.([A-Za-z0-9]+)$/.exec(path);
  if (item?.[1] && item[2] && item[3]) {
    const resource = ({ services: "service", requests: "request", tokens: "token" } as const)[
      item[1] as "services" | "requests" | "tokens"
    ];
    return { resource, id: decodeURIComponent(item[2]), format: item[3] };
  }
  return null;
}

function formatOf(url: string): Open311Format {
  return /\.json(\?|$)/i.test(url) ? "json" : "xml";
}

function send(reply: FastifyReply, format: Open311Format, status: number, root: string, value: Open311Value) {
  return reply
    .status(status)
    .header("content-type", CONTENT_TYPES[format])
    .send(render(format, root, value));
}

function sendError(reply: FastifyReply, format: Open311Format, error: Open311Error) {
  return reply
    .status(error.status)
    .header("content-type", CONTENT_TYPES[format])
    .send(renderErrors(format, error.errors));
}

export function registerOpen311Routes(scope: FastifyInstance, deps: Open311Deps): void {
  const apiKeys = [...deps.settings.open311.apiKeys].map(([key, client]) => ({
    digest: sha256(key),
    client,
  }));

  scope.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  scope.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "buffer", bodyLimit: deps.settings.photoMaxBytes + FORM_LIMIT_BYTES },
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
    method: ["GET", "POST"],
    url: `${OPEN311_PREFIX}/*`,
    handler: async (request, reply) => {
      const route = routeOf(request.params["*"]);
      const format = route?.format.toLowerCase();
      if (!route)
        return sendError(reply, formatOf(request.url), new Open311Error(404, "Ressource inconnue."));
      if (format !== "xml" && format !== "json") {
        return sendError(
          reply,
          "xml",
          new Open311Error(400, `Format ${route.format} non pris en charge : xml ou json.`),
        );
      }
      try {
        const search = request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "";
        const query = paramsFromSearch(search);
        if (request.method === "POST") {
          if (route.resource !== "requests")
            throw new Open311Error(400, "Seule la ressource requests accepte POST.");
          return await postRequest(request, reply, format, query, deps, apiKeys);
        }
        // Open311 data is public and read without credentials: any web app may read it, as the standard intends.
        reply.header("access-control-allow-origin", "*");
        await limit(deps, `open311:ip:${request.ip}`, deps.config.RATE_LIMIT_PER_IP);
        checkJurisdiction(query, deps);
        switch (route.resource) {
          case "discovery":
            return send(reply, format, 200, "discovery", discovery(deps));
          case "services":
            return send(reply, format, 200, "services", await services(deps, request.id));
          case "service":
            return send(
              reply,
              format,
              200,
              "service_definition",
              await serviceDefinition(route.id, deps, request.id),
            );
          case "requests":
            return send(reply, format, 200, "service_requests", await requests(query, deps, request.id));
          case "request":
            return send(reply, format, 200, "service_requests", [
              await oneRequest(route.id, deps, request.id),
            ]);
          case "token":
            return send(reply, format, 200, "service_requests", [await token(route.id, deps, request.id)]);
        }
      } catch (error) {
        if (error instanceof Open311Error) return sendError(reply, format, error);
        throw error;
      }
    },
  });
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

async function limit(deps: Open311Deps, key: string, max: number): Promise<void> {
  if (!(await consumeRateLimit(deps.cache, key, max, deps.config.RATE_LIMIT_WINDOW_SECONDS, deps.log))) {
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

function discovery(deps: Open311Deps): Open311Object {
  return {
    changeset: CHANGESET,
    contact: "Eurométropole de Strasbourg — plateforme Parvis de participation citoyenne",
    key_service:
      "Les clés d'API des services partenaires sont délivrées par la Ville et l'Eurométropole de Strasbourg.",
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: `${deps.settings.publicBaseUrl}${OPEN311_PREFIX}`,
        changeset: CHANGESET,
        type: deps.config.NODE_ENV === "production" ? "production" : "test",
        formats: ["text/xml", "application/json"],
      },
    ],
  };
}

/** Answers of the API that are the request's fault become 400 with their message; anything else, a general error. */
function fromApiError(error: unknown): never {
  if (error instanceof ReportsApiError) {
    const userErrors = error.errors.filter((item: ApiError) => item.extensions?.code === "BAD_USER_INPUT");
    if (userErrors.length > 0)
      throw new Open311Error(
        400,
        userErrors.map((item) => item.message),
      );
    if (error.errors.some((item) => item.extensions?.code === "FORBIDDEN")) {
      throw new Open311Error(403, "Cette clé d'API ne permet pas cette opération.");
    }
  }
  throw error;
}

async function services(deps: Open311Deps, requestId: string): Promise<Open311Value[]> {
  const data = await dataOrThrow(
    deps.api.execute<{ reportCategories: CategoryAnswer[] }>(SERVICES, {}, ANONYMOUS, requestId),
  ).catch(fromApiError);
  return data.reportCategories.map(serviceOf);
}

async function serviceDefinition(code: string, deps: Open311Deps, requestId: string): Promise<Open311Object> {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(code)) throw new Open311Error(404, `service_code ${code} introuvable.`);
  const data = await dataOrThrow(
    deps.api.execute<{ reportCategory: DefinitionAnswer | null }>(
      SERVICE_DEFINITION,
      { code },
      ANONYMOUS,
      requestId,
    ),
  ).catch(fromApiError);
  if (!data.reportCategory) throw new Open311Error(404, `service_code ${code} introuvable.`);
  return definitionOf(data.reportCategory);
}

async function requests(params: Params, deps: Open311Deps, requestId: string): Promise<Open311Value[]> {
  const ids = requestIds(params);
  // "service_request_id … overrides all other arguments."
  const filter: Record<string, unknown> = {};
  if (ids.length > 0) filter.ids = ids;
  else {
    const range = dateRange(params, new Date());
    filter.since = range.since.toISOString();
    filter.until = new Date(range.until.getTime() + 1).toISOString(); // end_date is inclusive
    const codes = list(params, "service_code");
    if (codes.length > 0) filter.category = codes;
    const wanted = statuses(params);
    if (wanted.length === 1) {
      filter.status =
        wanted[0] === "open"
          ? ["SUBMITTED", "ACKNOWLEDGED", "IN_PROGRESS"]
          : ["RESOLVED", "REJECTED", "DUPLICATE", "REDIRECTED"];
    }
  }
  const found: Open311Value[] = [];
  let after: string | null = null;
  while (found.length < MAX_REQUESTS) {
    type Page = {
      reports: {
        edges: { node: ReportAnswer }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
    const data: Page = await dataOrThrow(
      deps.api.execute<Page>(
        REQUESTS,
        { filter, first: Math.min(PAGE, MAX_REQUESTS - found.length), after },
        ANONYMOUS,
        requestId,
      ),
    ).catch(fromApiError);
    found.push(...data.reports.edges.map((edge) => requestOf(edge.node)));
    if (!data.reports.pageInfo.hasNextPage) break;
    after = data.reports.pageInfo.endCursor;
  }
  return found;
}

async function oneRequest(id: string, deps: Open311Deps, requestId: string): Promise<Open311Object> {
  const notFound = new Open311Error(404, `service_request_id ${id} introuvable.`);
  if (!/^[0-9a-fA-F-]{36}$/.test(id)) throw notFound;
  const data = await dataOrThrow(
    deps.api.execute<{ report: ReportAnswer | null }>(REQUEST, { id }, ANONYMOUS, requestId),
  ).catch((error: unknown) => {
    // A syntactically odd id is an id that does not exist.
    if (
      error instanceof ReportsApiError &&
      error.errors.every((item) => item.extensions?.code === "BAD_USER_INPUT")
    ) {
      throw notFound;
    }
    return fromApiError(error);
  });
  if (!data.report) throw notFound;
  return requestOf(data.report);
}

async function token(value: string, deps: Open311Deps, requestId: string): Promise<Open311Object> {
  const notFound = new Open311Error(404, `token ${value} introuvable.`);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(value)) throw notFound;
  const data = await dataOrThrow(
    deps.api.execute<{ reportByTrackingToken: { id: string } | null }>(
      TOKEN,
      { token: value },
      ANONYMOUS,
      requestId,
    ),
  ).catch(fromApiError);
  if (!data.reportByTrackingToken) throw notFound;
  return { service_request_id: data.reportByTrackingToken.id, token: value };
}

function partnerCaller(clientId: string): Caller {
  return {
    kind: "partner",
    accountId: null,
    roles: ["partner"],
    staffService: null,
    partnerClientId: clientId,
    scopes: ["reports:read", "reports:write"],
    verificationLevel: "none",
    claims: { eurometropoleResident: false, participationPactSigned: false, ageBand: null },
  };
}

/** The partner client of an API key, compared in constant time; an Open311Error (403) otherwise. */
function clientOfKey(key: string | null, apiKeys: { digest: Buffer; client: string }[]): string {
  if (key === null)
    throw new Open311Error(403, "api_key manquante : elle est requise pour créer une demande.");
  const digest = sha256(key);
  let client: string | null = null;
  for (const candidate of apiKeys) if (timingSafeEqual(candidate.digest, digest)) client = candidate.client;
  if (client === null) throw new Open311Error(403, "api_key invalide : impossible de créer la demande.");
  return client;
}

async function postRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  format: Open311Format,
  query: Params,
  deps: Open311Deps,
  apiKeys: { digest: Buffer; client: string }[],
) {
  const contentType = String(request.headers["content-type"] ?? "").toLowerCase();
  let body: Params = new Map();
  let files: UploadedFile[] = [];
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    body = paramsFromSearch(typeof request.body === "string" ? request.body : "");
  } else if (contentType.startsWith("multipart/form-data") && Buffer.isBuffer(request.body)) {
    ({ params: body, files } = parseMultipart(request.body, contentType));
  } else if (request.body !== undefined && request.body !== null && String(request.body) !== "") {
    throw new Open311Error(
      400,
      "Envoyez la demande en application/x-www-form-urlencoded (ou multipart/form-data).",
    );
  }
  const params = mergeParams(query, body);
  const clientId = clientOfKey(single(params, "api_key"), apiKeys);
  await limit(deps, `open311:partner:${clientId}`, deps.config.RATE_LIMIT_PER_PARTNER);
  checkJurisdiction(params, deps);

  const serviceCode = single(params, "service_code");
  if (serviceCode === null) throw new Open311Error(400, "service_code manquant.");
  const point = location(params);
  if (point === null) {
    throw new Open311Error(
      400,
      single(params, "address_string") !== null || single(params, "address_id") !== null
        ? "Ce point d'accès localise les demandes par lat et long : address_string et address_id seuls ne suffisent pas."
        : "Localisation manquante : donnez lat et long.",
    );
  }
  const photoUploadIds = await uploadMedia(files, clientId, deps, request.id);
  const input = {
    categoryCode: serviceCode,
    location: point,
    address: single(params, "address_string"),
    description: single(params, "description") ?? "",
    attributes: attributes(params),
    photoUploadIds,
    mediaUrl: single(params, "media_url"),
    // device_id and account_id are not kept: the city needs a way to answer, not to track a device.
    contact: {
      firstName: single(params, "first_name"),
      lastName: single(params, "last_name"),
      email: single(params, "email"),
      phone: single(params, "phone"),
    },
  };
  type Submitted = {
    submitReport: {
      __typename: string;
      message?: string;
      report?: { id: string; category: { serviceNotice: string | null } };
      problems?: { code: string; message: string }[];
      code?: string;
    };
  };
  const data = await dataOrThrow(
    deps.api.execute<Submitted>(SUBMIT, { input }, partnerCaller(clientId), request.id),
  ).catch(fromApiError);
  const result = data.submitReport;
  switch (result.__typename) {
    case "ReportSubmitted":
      return send(reply, format, 200, "service_requests", [
        {
          service_request_id: result.report?.id ?? null,
          service_notice: result.report?.category.serviceNotice ?? null,
          account_id: null,
        },
      ]);
    case "UnknownCategory":
      throw new Open311Error(404, `service_code ${serviceCode} introuvable.`);
    case "InvalidAttributes":
      throw new Open311Error(
        400,
        (result.problems ?? []).map((problem) => `attribute[${problem.code}] : ${problem.message}`),
      );
    case "SignInRequired":
      throw new Open311Error(403, result.message ?? "Opération refusée.");
    default:
      throw new Open311Error(400, result.message ?? "La demande n'a pas pu être créée.");
  }
}

/** Photos sent as `media` file parts: sanitised and stored like any upload, on behalf of the partner. */
async function uploadMedia(files: UploadedFile[], clientId: string, deps: Open311Deps, requestId: string) {
  const media = files.filter((file) => file.field === "media");
  if (media.length > deps.settings.photosPerReport) {
    throw new Open311Error(400, `${deps.settings.photosPerReport} photos au plus.`);
  }
  const ids: string[] = [];
  for (const file of media) {
    const photo = sanitizePhoto(file.bytes, deps.settings.photoMaxBytes);
    if (!photo.ok) throw new Open311Error(400, `media : ${photo.message}`);
    const id = newId();
    await deps.storage.put(id, photo.bytes, photo.mediaType);
    await dataOrThrow(
      deps.api.execute(
        REGISTER_UPLOAD,
        {
          input: {
            id,
            mediaType: photo.mediaType,
            byteSize: photo.bytes.length,
            width: photo.width,
            height: photo.height,
            sha256: photo.sha256,
            uploaderAccountId: null,
            uploaderClientId: clientId,
          },
        },
        SYSTEM,
        requestId,
      ),
    );
    ids.push(id);
  }
  return ids;
}
