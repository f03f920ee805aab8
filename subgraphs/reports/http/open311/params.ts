// Parsing of Open311 request parameters: query strings and form bodies (application/x-www-form-urlencoded, and
// multipart/form-data for clients that send a photo as `media`), repeated keys kept, `attribute[code]` and
// `attribute[code][]` collected per attribute. Every malformed parameter is an Open311Error (400) that says which.
import { isUuid } from "../../../kit/ids.ts";
import { Open311Error } from "./format.ts";

/** Parameters with every value of repeated keys, in order. */
export type Params = Map<string, string[]>;

export function paramsFromSearch(search: string): Params {
  const params: Params = new Map();
  for (const [key, value] of new URLSearchParams(search))
    params.set(key, [...(params.get(key) ?? []), value]);
  return params;
}

export function mergeParams(...sources: Params[]): Params {
  const merged: Params = new Map();
  for (const source of sources) {
    for (const [key, values] of source) merged.set(key, [...(merged.get(key) ?? []), ...values]);
  }
  return merged;
}

/** The value of a parameter, or null when absent or empty ("a null parameter … equivalent to a non-declared one"). */
export function single(params: Params, name: string): string | null {
  const values = (params.get(name) ?? []).filter((value) => value.trim() !== "");
  if (values.length > 1) throw new Open311Error(400, `Le paramètre ${name} est donné plusieurs fois.`);
  return values[0]?.trim() ?? null;
}

/** Comma-delimited and/or repeated values ("can be declared multiple times, comma delimited"). */
export function list(params: Params, name: string): string[] {
  return (params.get(name) ?? [])
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

/** attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2 → code → values. */
export function attributes(params: Params): { code: string; values: string[] }[] {
  const byCode = new Map<string, string[]>();
  for (const [key, values] of params) {
    const match = /^attribute\[([^\][]{1,64})\](\[\])?$/.exec(key);
    if (!match?.[1]) continue;
    byCode.set(match[1], [...(byCode.get(match[1]) ?? []), ...values]);
  }
  return [...byCode].map(([code, values]) => ({ code, values }));
}

const DECIMAL = /^[+-]?\d{1,3}(\.\d+)?$/;

/** `lat` and `long`, both or none, as decimal degrees. */
export function location(params: Params): { lat: number; lon: number } | null {
  const lat = single(params, "lat");
  const lon = single(params, "long");
  if (lat === null && lon === null) return null;
  if (lat === null || lon === null) throw new Open311Error(400, "lat et long doivent être donnés ensemble.");
  if (!DECIMAL.test(lat) || !DECIMAL.test(lon)) {
    throw new Open311Error(
      400,
      "lat et long doivent être des nombres décimaux (WGS 84), par exemple lat=48.5734&long=7.7521.",
    );
  }
  return { lat: Number(lat), lon: Number(lon) };
}

// W3C date-time (https://www.w3.org/TR/NOTE-datetime) with seconds optional and the zone mandatory.
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function dateParam(params: Params, name: string): Date | null {
  const value = single(params, name);
  if (value === null) return null;
  const date = new Date(value);
  if (!W3C_DATETIME.test(value) || Number.isNaN(date.getTime())) {
    throw new Open311Error(
      400,
      `${name} doit être une date W3C avec fuseau, par exemple 2026-11-01T00:00:00Z.`,
    );
  }
  return date;
}

export const MAX_RANGE_DAYS = 90;
const DAY = 86_400_000;

/** The requested_datetime range of GET requests: at most 90 days; the most recent 90 days by default. */
export function dateRange(params: Params, now: Date): { since: Date; until: Date } {
  const start = dateParam(params, "start_date");
  const end = dateParam(params, "end_date");
  if (start && end) {
    if (end < start) throw new Open311Error(400, "end_date doit suivre start_date.");
    if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY) {
      throw new Open311Error(
        400,
        `L'intervalle entre start_date et end_date ne peut dépasser ${MAX_RANGE_DAYS} jours.`,
      );
    }
    return { since: start, until: end };
  }
  if (start) return { since: start, until: new Date(start.getTime() + MAX_RANGE_DAYS * DAY) };
  if (end) return { since: new Date(end.getTime() - MAX_RANGE_DAYS * DAY), until: end };
  return { since: new Date(now.getTime() - MAX_RANGE_DAYS * DAY), until: now };
}

export const OPEN311_STATUSES = ["open", "closed"] as const;

export function statuses(params: Params): ("open" | "closed")[] {
  const values = list(params, "status").map((value) => value.toLowerCase());
  const unknown = values.filter((value) => !(OPEN311_STATUSES as readonly string[]).includes(value));
  if (unknown.length > 0)
    throw new Open311Error(400, `status inconnu : ${unknown.join(", ")} (open ou closed).`);
  return [...new Set(values)] as ("open" | "closed")[];
}

export const MAX_IDS = 100;

export function requestIds(params: Params): string[] {
  const ids = list(params, "service_request_id");
  if (ids.length > MAX_IDS)
    throw new Open311Error(400, `service_request_id : ${MAX_IDS} identifiants au plus.`);
  const invalid = ids.filter((id) => !isUuid(id));
  if (invalid.length > 0) {
    throw new Open311Error(
      400,
      "service_request_id doit être une liste d'identifiants séparés par des virgules.",
    );
  }
  return [...new Set(ids)];
}

export interface UploadedFile {
  field: string;
  contentType: string | null;
  bytes: Buffer;
}

/**
 * A multipart/form-data body (RFC 7578): text fields as parameters, file parts apart. Small and strict: a
 * malformed body is an Open311Error, never a guess.
 */
export function parseMultipart(body: Buffer, contentType: string): { params: Params; files: UploadedFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2]?.trim();
  if (!marker) throw new Open311Error(400, "Corps multipart sans délimiteur (boundary).");
  const delimiter = Buffer.from(`--${marker}`);
  const params: Params = new Map();
  const files: UploadedFile[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw new Open311Error(400, "Corps multipart mal formé.");
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString("latin1") === "--") break; // closing delimiter
    if (body.subarray(position, position + 2).toString("latin1") !== "\r\n") {
      throw new Open311Error(400, "Corps multipart mal formé.");
    }
    const headersEnd = body.indexOf("\r\n\r\n", position);
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), position);
    if (headersEnd === -1 || next === -1 || headersEnd > next)
      throw new Open311Error(400, "Corps multipart mal formé.");
    const headers = body.subarray(position + 2, headersEnd).toString("utf8");
    const content = body.subarray(headersEnd + 4, next);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (!name) throw new Open311Error(400, "Partie multipart sans nom.");
    if (/\bfilename="/i.test(disposition)) {
      const type = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? null;
      files.push({ field: name, contentType: type, bytes: Buffer.from(content) });
    } else {
      params.set(name, [...(params.get(name) ?? []), content.toString("utf8")]);
    }
    position = next + 2;
  }
  return { params, files };
}
