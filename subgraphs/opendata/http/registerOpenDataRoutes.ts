// The open-data routes, declared in the manifest and mounted by the composition root beside /graphql:
//   GET /open-data/catalog                              the catalogue, DCAT-AP as JSON-LD
//   GET /open-data/datapackage.json                     every dataset as a Frictionless Data Package
//   GET /open-data/datasets/<id>/datapackage.json       one dataset's Data Package (its Table Schema)
//   GET /open-data/datasets/<id>.csv | .json | .geojson one dataset (GeoJSON where it has geometry)
// Rows come from the open-data subgraph's API through the platform's subgraph client, as the system caller; these
// routes hold no data of their own. Every download has an ETag and a Last-Modified, answers conditional requests
// with 304, names its file (Content-Disposition) and is streamed.
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Config } from "../../../platform/config.ts";
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { Logger } from "../../../platform/logger.ts";
import { datasetById, type Row } from "../domain/catalog.ts";
import { dataPackage, type PackageContext } from "../domain/dataPackage.ts";
import { dcatCatalog } from "../domain/dcat.ts";
import { type Format, formatsOf, MEDIA_TYPES, OPEN_DATA_PATH } from "../domain/distributions.ts";
import { openDataSettings } from "../settings.ts";
import { notModified } from "./conditional.ts";
import { DatasetVersions } from "./datasetVersions.ts";
import { streamOf } from "./formats.ts";

export interface OpenDataRoutesDeps {
  config: Config;
  log: Logger;
  /** The platform's subgraph client (absent when the opendata subgraph is not part of the platform). */
  client: InternalClient | undefined;
}

const ROWS = /* GraphQL */ `query OpenDataRows($datasetId: ID!) { _openDataRows(datasetId: $datasetId) }`;
const FILE = /^([a-z0-9_]+)\.(csv|json|geojson)$/;
/** Downloads may be cached a little by browsers and proxies, then revalidated (cheap: 304). */
const CACHE_CONTROL = "public, max-age=60, must-revalidate";

function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply
    .status(status)
    .header("content-type", "application/json; charset=utf-8")
    .send({ error: { code, message, requestId: reply.request.id } });
}

export async function registerOpenDataRoutes(app: FastifyInstance, deps: OpenDataRoutesDeps): Promise<void> {
  const log = deps.log.child({ component: "open-data-http" });
  const { client } = deps;
  if (!client) {
    log.warn("the opendata subgraph is not configured: /open-data routes are not mounted");
    return;
  }
  const settings = openDataSettings(deps.config);
  const context: PackageContext = {
    baseUrl: settings.publicBaseUrl,
    licence: settings.licence,
    publisher: settings.publisher,
  };
  const versions = new DatasetVersions();

  const sendJson = (reply: FastifyReply, contentType: string, body: unknown) =>
    reply
      .header("content-type", `${contentType}; charset=utf-8`)
      .header("cache-control", CACHE_CONTROL)
      .send(body);

  app.get(`${OPEN_DATA_PATH}/catalog`, async (_request, reply) =>
    sendJson(
      reply,
      "application/ld+json",
      dcatCatalog(context, (id) => versions.modified(id)),
    ),
  );
  app.get(`${OPEN_DATA_PATH}/datapackage.json`, async (_request, reply) =>
    sendJson(reply, "application/json", dataPackage(context)),
  );
  app.get<{ Params: { id: string } }>(
    `${OPEN_DATA_PATH}/datasets/:id/datapackage.json`,
    async (request, reply) => {
      const dataset = datasetById(request.params.id);
      if (!dataset) return sendError(reply, 404, "NOT_FOUND", "Jeu de données inconnu.");
      return sendJson(reply, "application/json", dataPackage(context, dataset));
    },
  );
  app.get<{ Params: { file: string } }>(`${OPEN_DATA_PATH}/datasets/:file`, async (request, reply) => {
    const match = FILE.exec(request.params.file);
    const dataset = match ? datasetById(match[1] as string) : undefined;
    const format = match?.[2] as Format | undefined;
    if (!dataset || !format || !formatsOf(dataset).includes(format)) {
      return sendError(reply, 404, "NOT_FOUND", "Jeu de données ou format inconnu.");
    }
    let rows: Row[];
    try {
      ({ _openDataRows: rows } = await client.request<{ _openDataRows: Row[] }>(
        "opendata",
        ROWS,
        { datasetId: dataset.id },
        { requestId: request.id },
      ));
    } catch (error) {
      log.warn({ err: error, dataset: dataset.id }, "open-data rows unavailable");
      return sendError(
        reply.header("retry-after", String(deps.config.RETRY_AFTER_SECONDS)),
        503,
        "UPSTREAM_UNAVAILABLE",
        "Ce jeu de données est momentanément indisponible.",
      );
    }
    const version = versions.observe(dataset.id, rows);
    const etag = `"${version.digest}-${format}"`;
    reply
      .header("etag", etag)
      .header("last-modified", version.since.toUTCString())
      .header("cache-control", CACHE_CONTROL);
    if (notModified(request.headers, etag, version.since)) return reply.status(304).send();
    const charset = format === "csv" ? "; charset=utf-8; header=present" : "; charset=utf-8";
    return reply
      .header("content-type", `${MEDIA_TYPES[format]}${charset}`)
      .header("content-disposition", `attachment; filename="${dataset.id}.${format}"`)
      .send(streamOf(format, dataset, rows));
  });
}
