// What several Open311 operations share: turning the reports API's errors into Open311 errors, the partner caller
// an API key acts as, and the storage of photos sent as file parts.
import { type Caller, SYSTEM } from "../../../kit/caller.ts";
import { newId } from "../../../kit/ids.ts";
import { sanitizePhoto } from "../../domain/photos/sanitizePhoto.ts";
import { type ApiError, dataOrThrow, ReportsApiError } from "../reportsApi.ts";
import type { UploadedFile } from "./body.ts";
import { Open311Error } from "./format.ts";
import { REGISTER_UPLOAD } from "./graphql.ts";
import type { Open311Deps } from "./operation.ts";

/** Answers of the API that are the request's fault become 400 with their message; anything else is rethrown. */
export function fromApiError(error: unknown): never {
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
  const photos = files.map((file) => ({
    file,
    photo: sanitizePhoto(file.bytes, deps.settings.photoMaxBytes),
  }));
  const refused = photos.flatMap(({ file, photo }) => (photo.ok ? [] : [`${file.field} : ${photo.message}`]));
  if (refused.length > 0) throw new Open311Error(400, refused);
  const ids: string[] = [];
  for (const { photo } of photos) {
    if (!photo.ok) continue;
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
