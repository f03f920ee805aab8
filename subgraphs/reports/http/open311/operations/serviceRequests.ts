// GET requests.{xml,json} — requests by id (`service_request_id`, comma-delimited, overrides the rest: FixMyStreet's
// status follow-up asks for all its open requests at once) or by filters: service_code, status, start_date/end_date
// (at most 90 days, the last 90 days by default), at most 1,000 requests, as the specification's defaults say.
import { z } from "zod";
import { ANONYMOUS, SYSTEM } from "../../../../../platform/caller.ts";
import { isUuid } from "../../../../../platform/ids.ts";
import type { Open311Value } from "../format.ts";
import { REQUESTS, REQUESTS_BY_IDS, type ReportAnswer, requestOf } from "../graphql.ts";
import { commaList, jurisdiction, type Open311Operation, w3cDateTime } from "../operation.ts";
import { fromApiError } from "../shared.ts";

/** "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
export const MAX_REQUESTS = 1000;
export const MAX_RANGE_DAYS = 90;
const DAY = 86_400_000;
const PAGE = 100;

export const OPEN_STATUSES = ["SUBMITTED", "ACKNOWLEDGED", "IN_PROGRESS"];
export const CLOSED_STATUSES = ["RESOLVED", "REJECTED", "DUPLICATE", "REDIRECTED"];

/** The requested range: both dates (at most 90 days apart), one of them (+/- 90 days), or the last 90 days. */
export function rangeOf(start: Date | null, end: Date | null, now: Date): { since: Date; until: Date } {
  if (start && end) return { since: start, until: end };
  if (start) return { since: start, until: new Date(start.getTime() + MAX_RANGE_DAYS * DAY) };
  if (end) return { since: new Date(end.getTime() - MAX_RANGE_DAYS * DAY), until: end };
  return { since: new Date(now.getTime() - MAX_RANGE_DAYS * DAY), until: now };
}

/** start_date and end_date, checked together: in order, at most 90 days apart. */
export const dateRangeFields = {
  start_date: w3cDateTime("start_date"),
  end_date: w3cDateTime("end_date"),
};

export function checkRange(
  input: { start_date: Date | null; end_date: Date | null },
  ctx: z.RefinementCtx,
): void {
  const { start_date: start, end_date: end } = input;
  if (!start || !end) return;
  if (end < start) ctx.addIssue({ code: "custom", message: "end_date doit suivre start_date." });
  else if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY) {
    ctx.addIssue({
      code: "custom",
      message: `L'intervalle entre start_date et end_date ne peut dépasser ${MAX_RANGE_DAYS} jours.`,
    });
  }
}

const input = z
  .object({
    ...jurisdiction,
    ...dateRangeFields,
    // Ids that are not ours (the specification's examples are numbers) exist nowhere: they simply match nothing.
    // null when not given; given, it overrides every other filter even if none of its ids is ours.
    service_request_id: commaList().transform((ids) =>
      // UUIDs are case-insensitive (RFC 9562); ours are stored and compared in lower case.
      ids.length === 0 ? null : [...new Set(ids.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))],
    ),
    service_code: commaList(),
    status: commaList().transform((values, ctx) => {
      const wanted = values.map((value) => value.toLowerCase());
      const unknown = wanted.filter((value) => value !== "open" && value !== "closed");
      if (unknown.length > 0) {
        ctx.addIssue({ code: "custom", message: `status inconnu : ${unknown.join(", ")} (open ou closed).` });
        return z.NEVER;
      }
      return [...new Set(wanted)] as ("open" | "closed")[];
    }),
  })
  .superRefine(checkRange);

export const getServiceRequests: Open311Operation<z.output<typeof input>> = {
  name: "GET_Service_Requests",
  method: "GET",
  resource: "requests",
  needsApiKey: false,
  input,
  async handle({ input: parsed, deps, requestId }) {
    if (parsed.service_request_id !== null) {
      // "service_request_id … overrides all other arguments." No count limit (the specification sets none, and
      // FixMyStreet asks for all its open requests at once): the URL's size bounds it (HTTP_MAX_HEADER_BYTES).
      if (parsed.service_request_id.length === 0) return { root: "service_requests", value: [] };
      const data = await deps.client
        .request<{ _reportsByIds: ReportAnswer[] }>(
          "reports",
          REQUESTS_BY_IDS,
          { ids: parsed.service_request_id },
          { caller: SYSTEM, requestId },
        )
        .catch(fromApiError);
      return { root: "service_requests", value: data._reportsByIds.map(requestOf) };
    }
    const filter: Record<string, unknown> = {};
    const range = rangeOf(parsed.start_date, parsed.end_date, new Date());
    filter.since = range.since.toISOString();
    filter.until = new Date(range.until.getTime() + 1).toISOString(); // end_date is inclusive
    if (parsed.service_code.length > 0) filter.category = parsed.service_code;
    if (parsed.status.length === 1)
      filter.status = parsed.status[0] === "open" ? OPEN_STATUSES : CLOSED_STATUSES;
    const found: Open311Value[] = [];
    let after: string | null = null;
    while (found.length < MAX_REQUESTS) {
      type Page = {
        reports: {
          edges: { node: ReportAnswer }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
      const data: Page = await deps.client
        .request<Page>(
          "reports",
          REQUESTS,
          { filter, first: Math.min(PAGE, MAX_REQUESTS - found.length), after },
          { caller: ANONYMOUS, requestId },
        )
        .catch(fromApiError);
      found.push(...data.reports.edges.map((edge) => requestOf(edge.node)));
      if (!data.reports.pageInfo.hasNextPage) break;
      after = data.reports.pageInfo.endCursor;
    }
    return { root: "service_requests", value: found };
  },
};
