// GET /media/report-photos/<id>.<jpg|png>: the photos of reports, public like the reports themselves. The
// subgraph says whether the id is a photo attached to a report (an upload waiting for its report is nobody's to
// see); the bytes come from the storage port, already stripped of their metadata at upload.
import type { FastifyInstance } from "fastify";
import { SYSTEM } from "../../../platform/caller.ts";
import { isUuid } from "../../../platform/ids.ts";
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { PhotoStorage } from "../ports/photoStorage.ts";
import { sendJsonError } from "./httpErrors.ts";

export const MEDIA_PREFIX = "/media/report-photos";

const PHOTO_FILE = /* GraphQL */ `
  query PhotoFile($id: ID!) { _reportPhotoFile(id: $id) { id mediaType byteSize } }
`;

const EXTENSIONS: Record<string, string> = { jpg: "image/jpeg", png: "image/png" };

export function registerMediaRoute(
  scope: FastifyInstance,
  deps: { client: InternalClient; storage: PhotoStorage },
): void {
  scope.get<{ Params: { file: string } }>(`${MEDIA_PREFIX}/:file`, async (request, reply) => {
    const match = /^([0-9a-f-]{36})\.(jpg|png)$/.exec(request.params.file);
    const id = match?.[1];
    if (!match || !id || !isUuid(id)) return sendJsonError(reply, 404, "NOT_FOUND", "Photo introuvable.");
    const { _reportPhotoFile: file } = await deps.client.request<{
      _reportPhotoFile: { mediaType: string } | null;
    }>("reports", PHOTO_FILE, { id }, { caller: SYSTEM, requestId: request.id });
    if (!file || EXTENSIONS[match[2] ?? ""] !== file.mediaType) {
      return sendJsonError(reply, 404, "NOT_FOUND", "Photo introuvable.");
    }
    const bytes = await deps.storage.get(id);
    if (!bytes) return sendJsonError(reply, 404, "NOT_FOUND", "Photo introuvable.");
    return (
      reply
        .header("content-type", file.mediaType)
        .header("cache-control", "public, max-age=86400, immutable")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", "inline")
        // Photos are shown by map front-ends and Open311 apps of other origins.
        .header("cross-origin-resource-policy", "cross-origin")
        .send(bytes)
    );
  });
}
