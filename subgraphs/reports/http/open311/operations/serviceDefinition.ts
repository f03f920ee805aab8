// GET services/{service_code}.{xml,json} — one service's definition (its questions, with their values).
import { z } from "zod";
import { ANONYMOUS } from "../../../../../platform/caller.ts";
import { Open311Error } from "../format.ts";
import { type DefinitionAnswer, definitionOf, SERVICE_DEFINITION } from "../graphql.ts";
import { jurisdiction, type Open311Operation } from "../operation.ts";
import { fromApiError } from "../shared.ts";

export const getServiceDefinition: Open311Operation<unknown> = {
  name: "GET_Service_Definition",
  method: "GET",
  resource: "services/{id}",
  needsApiKey: false,
  input: z.object(jurisdiction),
  async handle({ deps, id, requestId }) {
    const code = id ?? "";
    const notFound = new Open311Error(404, `service_code ${code} introuvable.`);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(code)) throw notFound;
    const data = await deps.client
      .request<{ reportCategory: DefinitionAnswer | null }>(
        "reports",
        SERVICE_DEFINITION,
        { code },
        { caller: ANONYMOUS, requestId },
      )
      .catch(fromApiError);
    if (!data.reportCategory) throw notFound;
    return { root: "service_definition", value: definitionOf(data.reportCategory) };
  },
};
