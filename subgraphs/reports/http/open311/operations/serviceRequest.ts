// GET requests/{service_request_id}.{xml,json} — one request, as a list of one (the specification's example).
// An id that is not one of ours (the specification's examples use numbers, ours are UUIDs) is an id that does not
// exist: 404 here, simply absent from a GET requests list.
import { z } from "zod";
import { ANONYMOUS } from "../../../../../platform/caller.ts";
import { isUuid } from "../../../../../platform/ids.ts";
import { Open311Error } from "../format.ts";
import { REQUEST, type ReportAnswer, requestOf } from "../graphql.ts";
import { jurisdiction, type Open311Operation } from "../operation.ts";
import { fromApiError } from "../shared.ts";

export const getServiceRequest: Open311Operation<unknown> = {
  name: "GET_Service_Request",
  method: "GET",
  resource: "requests/{id}",
  needsApiKey: false,
  input: z.object(jurisdiction),
  async handle({ deps, id, requestId }) {
    const notFound = new Open311Error(404, `service_request_id ${id} introuvable.`);
    if (!id || !isUuid(id)) throw notFound;
    const data = await // UUIDs are case-insensitive (RFC 9562); ours are stored and compared in lower case.
    deps.client
      .request<{ report: ReportAnswer | null }>(
        "reports",
        REQUEST,
        { id: id.toLowerCase() },
        { caller: ANONYMOUS, requestId },
      )
      .catch(fromApiError);
    if (!data.report) throw notFound;
    return { root: "service_requests", value: [requestOf(data.report)] };
  },
};
