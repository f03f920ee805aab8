// POST requests.{xml,json} — a new request, as the API key's partner client: form-encoded, or multipart with photos
// as file parts (`media`, or FixMyStreet's `photo1`, `photo2`, …); `media_url` once or repeated (one per photo);
// `attribute[code]` and `attribute[code][]`; a location as lat+long, or an address_string geocoded by the reports
// subgraph. Validation, routing and events are those of GraphQL's submitReport, which does the work.
import { z } from "zod";
import { Open311Error } from "../format.ts";
import { SUBMIT } from "../graphql.ts";
import {
  type Fields,
  jurisdiction,
  type Open311Answer,
  type Open311Deps,
  type Open311Operation,
  one,
  repeated,
  required,
} from "../operation.ts";
import { fromApiError, partnerCaller, withStoredPhotos } from "../shared.ts";

const DECIMAL = /^[+-]?\d{1,3}(\.\d+)?$/;
const ATTRIBUTE = /^attribute\[([^\][]{1,64})\](\[\])?$/;

/** attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2 → code → values, in the order given. */
export function attributesOf(fields: Fields): { code: string; values: string[] }[] {
  const byCode = new Map<string, string[]>();
  for (const [key, values] of Object.entries(fields)) {
    const match = ATTRIBUTE.exec(key);
    if (!match?.[1]) continue;
    byCode.set(match[1], [...(byCode.get(match[1]) ?? []), ...values]);
  }
  return [...byCode].map(([code, values]) => ({ code, values }));
}

const input = z
  .object({
    ...jurisdiction,
    service_code: required("service_code"),
    lat: one("lat"),
    long: one("long"),
    address_string: one("address_string"),
    address_id: one("address_id"),
    description: one("description"),
    email: one("email"),
    first_name: one("first_name"),
    last_name: one("last_name"),
    phone: one("phone"),
    media_url: repeated(),
  })
  .catchall(z.array(z.string()))
  .transform((fields, ctx) => {
    const { lat, long } = fields;
    let location: { lat: number; lon: number } | null = null;
    if (lat !== null || long !== null) {
      if (lat === null || long === null) {
        ctx.addIssue({ code: "custom", message: "lat et long doivent être donnés ensemble." });
        return z.NEVER;
      }
      if (!DECIMAL.test(lat) || !DECIMAL.test(long)) {
        ctx.addIssue({
          code: "custom",
          message:
            "lat et long doivent être des nombres décimaux (WGS 84), par exemple lat=48.5734&long=7.7521.",
        });
        return z.NEVER;
      }
      location = { lat: Number(lat), lon: Number(long) };
    }
    if (location === null && fields.address_string === null) {
      ctx.addIssue({
        code: "custom",
        message:
          fields.address_id !== null
            ? "address_id n'est pas pris en charge (pas de référentiel d'adresses publié) : donnez lat et long ou address_string."
            : "Localisation manquante : donnez lat et long, ou address_string.",
      });
      return z.NEVER;
    }
    return {
      serviceCode: fields.service_code,
      location,
      address: fields.address_string,
      description: fields.description ?? "",
      attributes: attributesOf(fields as unknown as Fields),
      mediaUrls: fields.media_url,
      contact: {
        firstName: fields.first_name,
        lastName: fields.last_name,
        email: fields.email,
        phone: fields.phone,
      },
    };
  });

type Submitted = {
  submitReport: {
    __typename: string;
    message?: string;
    report?: { id: string; category: { serviceNotice: string | null } };
    problems?: { code: string; message: string }[];
  };
};

export const postServiceRequest: Open311Operation<z.output<typeof input>> = {
  name: "POST_Service_Request",
  method: "POST",
  resource: "requests",
  needsApiKey: true,
  input,
  async handle({ input: request, files, clientId, deps, requestId }) {
    const client = clientId ?? "";
    return withStoredPhotos(files, client, deps, requestId, (photoUploadIds) =>
      submit(request, photoUploadIds, client, deps, requestId),
    );
  },
};

async function submit(
  request: z.output<typeof input>,
  photoUploadIds: string[],
  client: string,
  deps: Open311Deps,
  requestId: string,
): Promise<Open311Answer> {
  // device_id and account_id are not kept: the city needs a way to answer, not to track a device.
  const submitInput = {
    categoryCode: request.serviceCode,
    location: request.location,
    address: request.address,
    description: request.description,
    attributes: request.attributes,
    photoUploadIds,
    mediaUrls: request.mediaUrls,
    contact: request.contact,
  };
  const data = await deps.client
    .request<Submitted>(
      "reports",
      SUBMIT,
      { input: submitInput },
      { caller: partnerCaller(client), requestId },
    )
    .catch(fromApiError);
  const result = data.submitReport;
  switch (result.__typename) {
    case "ReportSubmitted":
      return {
        root: "service_requests",
        value: [
          {
            service_request_id: result.report?.id ?? null,
            service_notice: result.report?.category.serviceNotice ?? null,
            account_id: null,
          },
        ],
      };
    case "UnknownCategory":
      throw new Open311Error(404, `service_code ${request.serviceCode} introuvable.`);
    case "InvalidAttributes":
      throw new Open311Error(
        400,
        (result.problems ?? []).map((problem) => `attribute[${problem.code}] : ${problem.message}`),
      );
    case "SignInRequired":
      throw new Open311Error(403, result.message ?? "Opération refusée.");
    default:
      throw new Open311Error(400, result.message ?? "La demande n'a pas pu être créée.");
  }
}
