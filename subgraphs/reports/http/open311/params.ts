// Open311 request parameters: every value of repeated keys, in order (query strings and form bodies alike).
import { Open311Error } from "./format.ts";

/** Parameters with every value of repeated keys, in order. */
export type Params = Map<string, string[]>;

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
