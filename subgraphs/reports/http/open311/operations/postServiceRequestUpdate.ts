// POST servicerequestupdates.{xml,json} — FixMyStreet's extension: a resident's update on a report, passed on by
// the API key's partner, becomes a public line of the report's history (commentReport). FixMyStreet's fields:
// service_request_id, update_id (its own id of the update: sent again, it is answered, not stored twice),
// updated_datetime, status, description, media_url (repeated), first_name, last_name, email, phone, and photos as
// file parts (photo1, photo2, …) attached to the report. The answer is the line's id as update_id.
import { z } from "zod";
import { isUuid } from "../../../../../platform/ids.ts";
import { Open311Error } from "../format.ts";
import { COMMENT } from "../graphql.ts";
import {
  jurisdiction,
  type Open311Answer,
  type Open311Deps,
  type Open311Operation,
  one,
  repeated,
  required,
  w3cDateTime,
} from "../operation.ts";
import { fromApiError, partnerCaller, withStoredPhotos } from "../shared.ts";

/** FixMyStreet's statuses: what the resident says of the problem. */
const FIXED = new Set(["FIXED", "CLOSED", "NO_FURTHER_ACTION", "NOT_COUNCILS_RESPONSIBILITY", "DUPLICATE"]);
const STILL_OPEN = new Set([
  "OPEN",
  "REOPEN",
  "IN_PROGRESS",
  "ACTION_SCHEDULED",
  "INVESTIGATING",
  "FOR_TRIAGE",
]);

const input = z
  .object({
    ...jurisdiction,
    service_request_id: required("service_request_id"),
    update_id: required("update_id"),
    updated_datetime: w3cDateTime("updated_datetime"),
    status: one("status").transform((value, ctx) => {
      if (value === null) return null;
      const status = value.toUpperCase();
      if (FIXED.has(status)) return "fixed" as const;
      if (STILL_OPEN.has(status) || status === "INTERNAL_REFERRAL" || status === "CANCELLED")
        return "open" as const;
      ctx.addIssue({ code: "custom", message: `status inconnu : ${value}.` });
      return z.NEVER;
    }),
    description: required("description", "description manquante : le texte du complément est requis."),
    media_url: repeated(),
    service_code: one("service_code"),
  })
  // first_name, last_name, email, phone: the resident's contact stays with the partner (not stored here).
  .catchall(z.array(z.string()));

type Commented = {
  commentReport: { __typename: string; entryId?: string; duplicate?: boolean; message?: string };
};

export const postServiceRequestUpdate: Open311Operation<z.output<typeof input>> = {
  name: "POST_Service_Request_Update",
  method: "POST",
  resource: "servicerequestupdates",
  needsApiKey: true,
  input,
  async handle({ input: update, files, clientId, deps, requestId }) {
    const notFound = new Open311Error(404, `service_request_id ${update.service_request_id} introuvable.`);
    if (!isUuid(update.service_request_id)) throw notFound;
    // Photo parts (photo1, photo2, …) are stored like any upload and attached to the report with the update.
    const client = clientId ?? "";
    return withStoredPhotos(files, client, deps, requestId, (photoUploadIds) =>
      comment(update, photoUploadIds, client, deps, requestId),
    );
  },
};

async function comment(
  update: z.output<typeof input>,
  photoUploadIds: string[],
  clientId: string,
  deps: Open311Deps,
  requestId: string,
): Promise<Open311Answer> {
  const notFound = new Open311Error(404, `service_request_id ${update.service_request_id} introuvable.`);
  const data = await deps.client
    .request<Commented>(
      "reports",
      COMMENT,
      {
        input: {
          // UUIDs are case-insensitive (RFC 9562); ours are stored and compared in lower case.
          reportId: update.service_request_id.toLowerCase(),
          note: update.description,
          // Checked by the API as a report's media URLs are (http or https, as many as photos), then cited in
          // the public line: nothing sent is dropped, and they do not count against the description's limit.
          mediaUrls: update.media_url,
          partnerUpdateId: update.update_id,
          residentSays: update.status === null ? null : update.status.toUpperCase(),
          photoUploadIds,
        },
      },
      { caller: partnerCaller(clientId), requestId },
    )
    .catch(fromApiError);
  const result = data.commentReport;
  if (result.__typename === "PhotoUnavailable")
    throw new Open311Error(400, result.message ?? "Photos refusées.");
  if (result.__typename !== "ReportCommented") throw notFound;
  return { root: "service_request_updates", value: [{ update_id: result.entryId ?? null }] };
}
