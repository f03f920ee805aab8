// The HTTP routes of the reports subgraph, declared in its manifest and mounted by the composition root on the
// public server beside /graphql:
//   POST /uploads/report-photos        a photo for a report (uploads.ts)
//   GET  /media/report-photos/<file>   the photos of reports (media.ts)
//   GET|POST /open311/v2/...           the Open311 GeoReport v2 endpoint (open311/routes.ts)
// (the sweep of uploads never attached is a job of the manifest: jobs/sweepUploads.ts). Everything goes through
// the reports subgraph's GraphQL API with the platform's subgraph client (in-process, or signed HTTP in distributed mode), for
// the caller each acts for: these routes hold no state of their own.
import type { FastifyInstance } from "fastify";
import type { Cache } from "../../../platform/cache/cache.ts";
import type { Caller } from "../../../platform/caller.ts";
import type { Config } from "../../../platform/config.ts";
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { Logger } from "../../../platform/logger.ts";
import { rateLimiterFor } from "../../../platform/rateLimit.ts";
import { localDiskPhotoStorage } from "../adapters/localDiskPhotoStorage.ts";
import type { PhotoStorage } from "../ports/photoStorage.ts";
import { reportsSettings } from "../settings.ts";
import { sendJsonError } from "./httpErrors.ts";
import { registerMediaRoute } from "./media.ts";
import { registerOpen311Routes } from "./open311/routes.ts";
import { registerUploadRoute } from "./uploads.ts";

export interface ReportRoutesDeps {
  config: Config;
  log: Logger;
  cache: Cache;
  /** The gateway's authentication of a bearer token (absent header: anonymous). */
  authenticate: (authorization: string | undefined) => Promise<Caller>;
  /** The platform's subgraph client. */
  client: InternalClient;
  /** Defaults to the local disk under REPORTS_PHOTO_DIR. */
  storage?: PhotoStorage;
}

export async function registerReportRoutes(app: FastifyInstance, deps: ReportRoutesDeps): Promise<void> {
  const log = deps.log.child({ component: "reports-http" });
  const { client } = deps;
  const settings = reportsSettings(deps.config);
  const storage = deps.storage ?? localDiskPhotoStorage(settings.photoDir);
  const limiter = rateLimiterFor({ config: deps.config, cache: deps.cache, log });

  // Each group in its own encapsulated scope: their body parsers and error handlers stay out of /graphql.
  await app.register(async (scope) => {
    // Every body is raw bytes here, whatever its declared type: the photo is judged by its content.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: settings.photoMaxBytes },
      (_request, body, done) => done(null, body),
    );
    scope.setErrorHandler((error: { statusCode?: number }, request, reply) => {
      if (error.statusCode === 413)
        return sendJsonError(reply, 413, "TOO_LARGE", "La photo est trop volumineuse.");
      if (error.statusCode === 415) {
        return sendJsonError(
          reply,
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Envoyez une image JPEG ou PNG (corps brut).",
        );
      }
      if (error.statusCode && error.statusCode < 500)
        return sendJsonError(reply, 400, "BAD_REQUEST", "Requête invalide.");
      request.log.error({ err: error }, "report photo route failed");
      return sendJsonError(reply, 500, "INTERNAL_SERVER_ERROR", "Erreur interne.");
    });
    registerUploadRoute(scope, {
      client,
      storage,
      settings,
      authenticate: deps.authenticate,
      log,
      limiter,
    });
    registerMediaRoute(scope, { client, storage });
  });
  await app.register(async (scope) => {
    registerOpen311Routes(scope, {
      client,
      storage,
      settings,
      config: deps.config,
      log,
      limiter,
    });
  });
}
