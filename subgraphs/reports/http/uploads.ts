// POST /uploads/report-photos: the way photos reach a report (GraphQL has no uploads in this stack). The body is
// the raw image (any Content-Type: image/jpeg, image/png, application/octet-stream…); its type and size are judged
// by its content, its metadata (EXIF GPS position, camera, …) stripped, the clean file stored through the storage
// port and registered with the reports subgraph, which answers with an upload id valid for
// REPORTS_UPLOAD_TTL_SECONDS. That id goes into submitReport's `photoUploadIds`; only its uploader can use it
// (anyone holding it, for an anonymous upload).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Caller, SYSTEM } from "../../../platform/caller.ts";
import { newId } from "../../../platform/ids.ts";
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { Logger } from "../../../platform/logger.ts";
import type { RateLimiter } from "../../../platform/rateLimit.ts";
import { sanitizePhoto } from "../domain/photos/sanitizePhoto.ts";
import type { PhotoStorage } from "../ports/photoStorage.ts";
import type { ReportsSettings } from "../settings.ts";
import { sendJsonError } from "./httpErrors.ts";

export const UPLOAD_PATH = "/uploads/report-photos";

const REGISTER = /* GraphQL */ `
  mutation RegisterUpload($input: ReportPhotoUploadInput!) { _registerReportPhotoUpload(input: $input) }
`;

/** Uploads per person (or address) and hour: enough for a few reports, not for filling the disk. */
export const UPLOADS_PER_HOUR = 60;

export interface UploadDeps {
  client: InternalClient;
  storage: PhotoStorage;
  settings: ReportsSettings;
  /** The gateway's authentication of a bearer token (absent header: anonymous). */
  authenticate: (authorization: string | undefined) => Promise<Caller>;
  log: Logger;
  limiter: RateLimiter;
}

export function registerUploadRoute(scope: FastifyInstance, deps: UploadDeps): void {
  scope.post(UPLOAD_PATH, { bodyLimit: deps.settings.photoMaxBytes }, (request, reply) =>
    handleUpload(request, reply, deps),
  );
}

async function handleUpload(request: FastifyRequest, reply: FastifyReply, deps: UploadDeps) {
  let caller: Caller;
  try {
    caller = await deps.authenticate(request.headers.authorization);
  } catch (error) {
    // The authenticator's own errors say which: a bad token, or MonStrasbourg.eu unable to confirm it.
    if ((error as { extensions?: { code?: string } }).extensions?.code === "UPSTREAM_UNAVAILABLE") {
      return sendJsonError(reply, 503, "UPSTREAM_UNAVAILABLE", (error as Error).message);
    }
    return sendJsonError(reply, 401, "UNAUTHENTICATED", "Jeton d'accès invalide ou expiré.");
  }
  if (caller.kind === "partner" && !caller.scopes.includes("reports:write")) {
    return sendJsonError(reply, 403, "FORBIDDEN", "La portée reports:write est requise.");
  }
  const who = caller.accountId ?? caller.partnerClientId ?? deps.limiter.addressKey(request.ip);
  if (!(await deps.limiter.consume(`report-photo-upload:${who}`, UPLOADS_PER_HOUR, 3600)).allowed) {
    return sendJsonError(reply, 429, "RATE_LIMITED", "Trop de photos envoyées : réessayez plus tard.");
  }
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const photo = await sanitizePhoto(body, deps.settings.photoMaxBytes);
  if (!photo.ok) {
    const status =
      photo.problem === "too_large"
        ? 413
        : photo.problem === "malformed" || photo.problem === "empty"
          ? 422
          : 415;
    return sendJsonError(reply, status, photo.problem.toUpperCase(), photo.message);
  }

  const id = newId();
  await deps.storage.put(id, photo.bytes, photo.mediaType);
  try {
    await deps.client.request(
      "reports",
      REGISTER,
      {
        input: {
          id,
          mediaType: photo.mediaType,
          byteSize: photo.bytes.length,
          width: photo.width,
          height: photo.height,
          sha256: photo.sha256,
          uploaderAccountId: caller.accountId,
          uploaderClientId: caller.partnerClientId,
        },
      },
      { caller: SYSTEM, requestId: request.id },
    );
  } catch (error) {
    // Not registered: the file must not linger, nobody could ever attach or purge it.
    await deps.storage.delete(id).catch(() => {});
    throw error;
  }
  return reply.status(201).send({
    uploadId: id,
    mediaType: photo.mediaType,
    byteSize: photo.bytes.length,
    width: photo.width,
    height: photo.height,
    expiresInSeconds: deps.settings.uploadTtlSeconds,
  });
}
