// The shape of one Open311 operation, as mySociety's Open311::Endpoint declares them: a method and a resource, an
// input schema the parameters must satisfy before anything runs (zod here, Data::Rx there), and a handler that
// answers a root element and a value for the XML/JSON renderer. The dispatcher (routes.ts) owns everything common:
// routing, formats, bodies, the api_key, jurisdiction_id, rate limits and errors.
import { z } from "zod";
import type { Config } from "../../../../platform/config.ts";
import type { InternalClient } from "../../../../platform/internalClient.ts";
import type { Logger } from "../../../../platform/logger.ts";
import type { RateLimiter } from "../../../../platform/rateLimit.ts";
import type { PhotoStorage } from "../../ports/photoStorage.ts";
import type { ReportsSettings } from "../../settings.ts";
import type { UploadedFile } from "./body.ts";
import { Open311Error, type Open311Value } from "./format.ts";
import type { Params } from "./params.ts";

export interface Open311Deps {
  /** The platform's subgraph client: every answer comes from the reports subgraph's GraphQL API. */
  client: InternalClient;
  storage: PhotoStorage;
  settings: ReportsSettings;
  config: Config;
  log: Logger;
  /** The platform's rate limiter (addresses keyed by an HMAC). */
  limiter: RateLimiter;
}

/** What a handler receives: its parsed input, the item id of `resource/{id}.fmt`, the files of a multipart body. */
export interface Open311Call<Input> {
  input: Input;
  id: string | null;
  files: UploadedFile[];
  /** The partner client of the api_key (POSTs only). */
  clientId: string | null;
  requestId: string;
  deps: Open311Deps;
}

export interface Open311Answer {
  root: string;
  value: Open311Value;
}

export interface Open311Operation<Input = unknown> {
  /** Open311::Endpoint's name of the operation (GET_Service_List, POST_Service_Request, …). */
  name: string;
  method: "GET" | "POST";
  /** The collection (`requests`) or the item pattern (`requests/{id}`) without the format. */
  resource: string;
  /** POSTs need a partner's api_key, in the body. */
  needsApiKey: boolean;
  input: z.ZodType<Input, Fields>;
  handle(call: Open311Call<Input>): Promise<Open311Answer>;
}

/** Parameters as the schemas see them: every value of every key, in order. */
export type Fields = Record<string, string[]>;

export function fieldsOf(params: Params): Fields {
  return Object.fromEntries(params);
}

/** Validates the parameters against an operation's schema; every problem becomes one error of a 400. */
export function parseInput<Input>(schema: z.ZodType<Input, Fields>, fields: Fields): Input {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  throw new Open311Error(
    400,
    parsed.error.issues.map((issue) => issue.message),
  );
}

const values = z.array(z.string()).optional();

/** An optional parameter given at most once; empty is absent ("a null parameter … equivalent to a non-declared one"). */
export function one(name: string) {
  return values.transform((given, ctx) => {
    const present = (given ?? []).map((value) => value.trim()).filter((value) => value !== "");
    if (present.length > 1) {
      ctx.addIssue({ code: "custom", message: `Le paramètre ${name} est donné plusieurs fois.` });
      return z.NEVER;
    }
    return present[0] ?? null;
  });
}

/** A parameter that must be given, once. */
export function required(name: string, message = `${name} manquant.`) {
  return one(name).transform((value, ctx) => {
    if (value === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return value;
  });
}

/** Comma-delimited and/or repeated values ("can be declared multiple times, comma delimited"). */
export function commaList() {
  return values.transform((given) =>
    (given ?? [])
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter((value) => value !== ""),
  );
}

/** Repeated values, each kept whole (media_url may contain commas). */
export function repeated() {
  return values.transform((given) =>
    (given ?? []).map((value) => value.trim()).filter((value) => value !== ""),
  );
}

// W3C date-time (https://www.w3.org/TR/NOTE-datetime) with seconds optional and the zone mandatory.
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function w3cDateTime(name: string) {
  return one(name).transform((value, ctx) => {
    if (value === null) return null;
    const date = new Date(value);
    if (!W3C_DATETIME.test(value) || Number.isNaN(date.getTime())) {
      ctx.addIssue({
        code: "custom",
        message: `${name} doit être une date W3C avec fuseau, par exemple 2026-11-01T00:00:00Z.`,
      });
      return z.NEVER;
    }
    return date;
  });
}

/** The optional jurisdiction_id every operation accepts (checked by the dispatcher). */
export const jurisdiction = { jurisdiction_id: one("jurisdiction_id") };
