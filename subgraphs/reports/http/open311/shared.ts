// What several Open311 operations share: turning the reports API's errors into Open311 errors, the partner caller
// an API key acts as, and the storage of photos sent as file parts.
import { type Caller, SYSTEM } from "../../../../platform/caller.ts";
import { newId } from "../../../../platform/ids.ts";
import { InternalCallError } from "../../../../platform/internalClient.ts";
import { sanitizePhoto } from "../../domain/photos/sanitizePhoto.ts";
import type { UploadedFile } from "./body.ts";
import { Open311Error } from "./format.ts";
import { DISCARD_UPLOADS, REGISTER_UPLOAD } from "./graphql.ts";
import type { Open311Deps } from "./operation.ts";

/** Answers of the API that are the request's fault become 400 with their message; anything else is rethrown. */
export function fromApiError(error: unknown): never {
  if (error instanceof InternalCallError) {
    const userErrors = error.errors.filter((item) => item.extensions?.code === "BAD_USER_INPUT");
    if (userErrors.length > 0)
      throw new Open311Error(
        400,
        userErrors.map((item) => item.message),
      );
    if (error.errors.some((item) => item.extensions?.code === "FORBIDDEN")) {
      throw new Open311Error(403, "Cette clé d'API ne permet pas cette opération.");
    }
    if (error.errors.some((item) => item.extensions?.code === "UPSTREAM_UNAVAILABLE")) {
      throw new Open311Error(503, "Un service nécessaire ne répond pas : réessayez plus tard.");
    }
  }
  throw error;
}

export function partnerCaller(clientId: string): Caller {
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

/**
 * Photos sent as file parts (`media`, `photo1`, `photo2`, …): every one is checked first, then each is sanitised
 * and stored like any upload, on behalf of the partner. One that cannot be stored refuses the request, naming it.
 */
export async function storePhotos(
  files: UploadedFile[],
  clientId: string,
  deps: Open311Deps,
  requestId: string,
): Promise<string[]> {
  if (files.length > deps.settings.photosPerReport) {
    throw new Open311Error(400, `${deps.settings.photosPerReport} photos au plus par demande.`);
  }
  // One after the other: a PNG inflates on the thread pool, which one request should not fill.
  const photos = [];
  for (const file of files) {
    photos.push({ file, photo: await sanitizePhoto(file.bytes, deps.settings.photoMaxBytes) });
  }
  const refused = photos.flatMap(({ file, photo }) => (photo.ok ? [] : [`${file.field} : ${photo.message}`]));
  if (refused.length > 0) throw new Open311Error(400, refused);
  const ids: string[] = [];
  let pending: string | null = null;
  try {
    for (const { photo } of photos) {
      if (!photo.ok) continue;
      pending = newId();
      await deps.storage.put(pending, photo.bytes, photo.mediaType);
      await deps.client.request(
        "reports",
        REGISTER_UPLOAD,
        {
          input: {
            id: pending,
            mediaType: photo.mediaType,
            byteSize: photo.bytes.length,
            width: photo.width,
            height: photo.height,
            sha256: photo.sha256,
            uploaderAccountId: null,
            uploaderClientId: clientId,
          },
        },
        { caller: SYSTEM, requestId },
      );
      ids.push(pending);
      pending = null;
    }
  } catch (error) {
    // A file without its record would escape the sweep (which goes by records): deleted here.
    if (pending !== null) await deps.storage.delete(pending).catch(() => undefined);
    await discardPhotos(ids, deps, requestId);
    throw error;
  }
  return ids;
}

/**
 * Stores the request's photos, then runs `use` with their upload ids; when `use` refuses (or fails), the photos go
 * with it, now rather than at the sweep.
 */
export async function withStoredPhotos<T>(
  files: UploadedFile[],
  clientId: string,
  deps: Open311Deps,
  requestId: string,
  use: (photoUploadIds: string[]) => Promise<T>,
): Promise<T> {
  const photoUploadIds = await storePhotos(files, clientId, deps, requestId);
  try {
    return await use(photoUploadIds);
  } catch (error) {
    await discardPhotos(photoUploadIds, deps, requestId);
    throw error;
  }
}

/**
 * The photos of a refused request are deleted at once, records and files ("a refused report leaves nothing"), if
 * still unattached. Best effort: what fails here is left to the sweep of expired uploads, and the refusal stands.
 */
export async function discardPhotos(ids: string[], deps: Open311Deps, requestId: string): Promise<void> {
  if (ids.length === 0) return;
  try {
    const { _discardReportPhotoUploads: discarded } = await deps.client.request<{
      _discardReportPhotoUploads: string[];
    }>("reports", DISCARD_UPLOADS, { ids }, { caller: SYSTEM, requestId });
    for (const id of discarded) await deps.storage.delete(id);
  } catch (error) {
    deps.log.warn({ error: (error as Error).name }, "photos of a refused Open311 request left to the sweep");
  }
}
