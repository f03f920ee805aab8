// GET services.{xml,json} — the categories as Open311 services.
import { z } from "zod";
import { ANONYMOUS } from "../../../../../platform/caller.ts";
import { type CategoryAnswer, SERVICES, serviceOf } from "../graphql.ts";
import { jurisdiction, type Open311Operation } from "../operation.ts";
import { fromApiError } from "../shared.ts";

export const getServiceList: Open311Operation<unknown> = {
  name: "GET_Service_List",
  method: "GET",
  resource: "services",
  needsApiKey: false,
  input: z.object(jurisdiction),
  async handle({ deps, requestId }) {
    const data = await deps.client
      .request<{ reportCategories: CategoryAnswer[] }>(
        "reports",
        SERVICES,
        {},
        { caller: ANONYMOUS, requestId },
      )
      .catch(fromApiError);
    return { root: "services", value: data.reportCategories.map(serviceOf) };
  },
};
