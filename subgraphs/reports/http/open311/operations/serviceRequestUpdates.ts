// GET servicerequestupdates.{xml,json} — FixMyStreet's extension: the public lines staff wrote in a report's
// history (status changes with their notes, re-routings, merges) between start_date and end_date, oldest first,
// with the keys, limits and errors of GET requests (both dates or neither, at most 90 days, 1,000 updates).
// Internal notes, assignments and what residents or partners wrote are not staff updates and never appear.
import { z } from "zod";
import { SYSTEM } from "../../../../../platform/caller.ts";
import { UPDATES, type UpdateAnswer, updateOf } from "../graphql.ts";
import { jurisdiction, type Open311Operation, one } from "../operation.ts";
import { fromApiError } from "../shared.ts";
import { checkRange, dateRangeFields, MAX_REQUESTS, rangeOf } from "./serviceRequests.ts";

const input = z
  .object({
    ...jurisdiction,
    ...dateRangeFields,
    // Sent by FixMyStreet on this GET; reads are public, so it is accepted and not needed.
    api_key: one("api_key"),
  })
  .superRefine((fields, ctx) => {
    if ((fields.start_date === null) !== (fields.end_date === null)) {
      ctx.addIssue({
        code: "custom",
        message: "start_date et end_date vont ensemble : donnez les deux ou aucune.",
      });
    }
    checkRange(fields, ctx);
  });

export const getServiceRequestUpdates: Open311Operation<z.output<typeof input>> = {
  name: "GET_Service_Request_Updates",
  method: "GET",
  resource: "servicerequestupdates",
  needsApiKey: false,
  input,
  async handle({ input: parsed, deps, requestId }) {
    const range = rangeOf(parsed.start_date, parsed.end_date, new Date());
    // As the platform, on an internal query that returns public staff lines only.
    const data = await deps.client
      .request<{ _reportUpdates: UpdateAnswer[] }>(
        "reports",
        UPDATES,
        { since: range.since.toISOString(), until: range.until.toISOString(), limit: MAX_REQUESTS },
        { caller: SYSTEM, requestId },
      )
      .catch(fromApiError);
    return { root: "service_request_updates", value: data._reportUpdates.map(updateOf) };
  },
};
