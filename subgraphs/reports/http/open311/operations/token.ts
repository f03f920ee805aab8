// GET tokens/{token}.{xml,json} — a report's private tracking token → its service_request_id.
import { z } from "zod";
import { ANONYMOUS } from "../../../../../platform/caller.ts";
import { Open311Error } from "../format.ts";
import { TOKEN } from "../graphql.ts";
import { jurisdiction, type Open311Operation } from "../operation.ts";
import { fromApiError } from "../shared.ts";

export const getToken: Open311Operation<unknown> = {
  name: "GET_Token",
  method: "GET",
  resource: "tokens/{id}",
  needsApiKey: false,
  input: z.object(jurisdiction),
  async handle({ deps, id, requestId }) {
    const value = id ?? "";
    const notFound = new Open311Error(404, `token ${value} introuvable.`);
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(value)) throw notFound;
    const data = await deps.client
      .request<{ reportByTrackingToken: { id: string } | null }>(
        "reports",
        TOKEN,
        { token: value },
        { caller: ANONYMOUS, requestId },
      )
      .catch(fromApiError);
    if (!data.reportByTrackingToken) throw notFound;
    return {
      root: "service_requests",
      value: [{ service_request_id: data.reportByTrackingToken.id, token: value }],
    };
  },
};
