// Open311 GeoReport v2 output, to the letter of the specification: XML (the required format; UTF-8 declaration,
// no namespace, elements in the documented order, empty elements for missing values) and JSON (the Spark
// convention's mapping of the same XML: lists become arrays, missing values null). Dates in the W3C format with
// the zone ("2010-01-01T00:00:00Z").

export type Open311Format = "xml" | "json";
export type Open311Value = string | number | boolean | null | Open311Object | Open311Value[];
export interface Open311Object {
  [key: string]: Open311Value;
}

/** Element names of list items, by the name of the list (as the specification's XML examples write them). */
const ITEM_NAMES: Record<string, string> = {
  services: "service",
  service_requests: "request",
  service_request_updates: "request_update",
  attributes: "attribute",
  values: "value",
  errors: "error",
  endpoints: "endpoint",
  formats: "format",
};

export const CONTENT_TYPES: Record<Open311Format, string> = {
  xml: "text/xml; charset=utf-8",
  json: "application/json; charset=utf-8",
};

// Characters XML 1.0 cannot carry at all (C0 controls other than tab and line breaks, surrogates, FFFE/FFFF).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

function element(name: string, value: Open311Value, indent: string): string {
  if (value === null) return `${indent}<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? "item";
    const children = value.map((child) => element(item, child, `${indent}  `));
    return children.length
      ? `${indent}<${name}>\n${children.join("\n")}\n${indent}</${name}>`
      : `${indent}<${name}></${name}>`;
  }
  if (typeof value === "object") {
    const children = Object.entries(value).map(([key, child]) => element(key, child, `${indent}  `));
    return `${indent}<${name}>\n${children.join("\n")}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The XML document whose root element is `root` holding `value` (a list or an object). */
export function toXml(root: string, value: Open311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, "")}\n`;
}

export function render(format: Open311Format, root: string, value: Open311Value): string {
  return format === "xml" ? toXml(root, value) : JSON.stringify(value);
}

/** W3C date-time in UTC without fractional seconds, as in the specification's examples. */
export function w3cDate(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export interface Open311ErrorItem {
  code: number;
  description: string;
}

/** An error answer: HTTP status and one or more errors, rendered by the route in the requested format. */
export class Open311Error extends Error {
  override name = "Open311Error";
  readonly status: number;
  readonly errors: Open311ErrorItem[];
  constructor(status: number, descriptions: string | string[]) {
    const list = Array.isArray(descriptions) ? descriptions : [descriptions];
    super(list.join("; "));
    this.status = status;
    this.errors = list.map((description) => ({ code: status, description }));
  }
}

export function renderErrors(format: Open311Format, errors: Open311ErrorItem[]): string {
  return render(format, "errors", errors as unknown as Open311Value[]);
}
