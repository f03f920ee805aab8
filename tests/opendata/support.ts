// Helpers of the open-data tests: download over HTTP, parse the CSV, validate rows against a Table Schema.
import { parse } from "csv-parse/sync";
import tableschema from "tableschema";
import { ANONYMOUS, type Caller } from "../../platform/caller.ts";

/** A member of the city's staff, for the calls the tests make straight to a subgraph. */
export const STAFF: Caller = Object.freeze({
  ...ANONYMOUS,
  kind: "staff",
  accountId: "0193a5f0-0000-7000-8000-00000000a0a0",
  roles: ["citizen", "staff"],
  staffService: "MPC",
  verificationLevel: "resident_verified",
}) as Caller;

export function origin(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, "");
}

export async function download(base: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** RFC 4180 CSV → header and records (strict: a malformed file throws). */
export function parseCsv(text: string): { header: string[]; records: string[][] } {
  const [header, ...records] = parse(text, { bom: false, relax_column_count: false }) as string[][];
  return { header: header ?? [], records };
}

/**
 * Validates rows (arrays of text values, as in the CSV) against a Frictionless Table Schema with the Frictionless
 * library (tableschema): types, formats, required and enum constraints. Returns the error messages.
 */
export async function tableSchemaErrors(descriptor: object, header: string[], records: string[][]) {
  const schema = await tableschema.Schema.load(descriptor);
  if (!schema.valid) return (schema.errors as Error[]).map((error) => `schema: ${error.message}`);
  const names = schema.fieldNames as string[];
  if (JSON.stringify(names) !== JSON.stringify(header)) return [`header ${header} ≠ schema ${names}`];
  const errors: string[] = [];
  for (const record of records) {
    try {
      schema.castRow(record);
    } catch (error) {
      const details = (error as { errors?: Error[] }).errors ?? [error as Error];
      errors.push(...details.map((detail) => detail.message));
    }
  }
  return errors;
}
