// Field checks shared by the commands: each returns the cleaned value, or the InvalidParticipationInput problem
// naming the field. Limits are the platform's (short titles, bounded bodies), not configuration of the city.
import { isUuid } from "../../../platform/ids.ts";
import { invalid, type Problem } from "./problems.ts";
import { cleanText, lengthOf } from "./text.ts";

export interface TextRule {
  min: number;
  max: number;
  multiline?: boolean;
}

export const TITLE: TextRule = { min: 3, max: 150 };
export const SUMMARY: TextRule = { min: 1, max: 1_000, multiline: true };
export const BODY: TextRule = { min: 0, max: 20_000, multiline: true };
export const SHORT: TextRule = { min: 1, max: 200 };

export function text(field: string, value: string, rule: TextRule): string | Problem {
  const cleaned = cleanText(value, { multiline: rule.multiline ?? false });
  const length = lengthOf(cleaned);
  if (length < rule.min)
    return invalid(field, length === 0 ? "Ce champ est vide." : `Au moins ${rule.min} caractères.`);
  if (length > rule.max) return invalid(field, `Au plus ${rule.max} caractères.`);
  return cleaned;
}

/** An optional short text: absent or blank is null. */
export function optionalText(field: string, value: string | null | undefined, rule: TextRule) {
  if (value === null || value === undefined || cleanText(value, { multiline: false }) === "") return null;
  return text(field, value, rule);
}

export function httpsUrl(field: string, value: string): string | Problem {
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" || value.length > 2_000) throw new Error("not https");
    return url.href;
  } catch {
    return invalid(field, "Une adresse https valide est attendue.");
  }
}

export function uuids(field: string, values: readonly string[] | null | undefined, max = 50) {
  const list = [...new Set(values ?? [])];
  if (list.length > max) return invalid(field, `Au plus ${max} éléments.`);
  if (list.some((id) => !isUuid(id))) return invalid(field, "Identifiant invalide.");
  return list;
}

export function coordinates(field: string, lat: number, lon: number): Problem | null {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    return invalid(`${field}.lat`, "Latitude hors limites.");
  if (!Number.isFinite(lon) || lon < -180 || lon > 180)
    return invalid(`${field}.lon`, "Longitude hors limites.");
  return null;
}

/** Runs checks in order and returns the first problem, if any. */
export function firstProblem(values: readonly unknown[]): Problem | null {
  for (const value of values)
    if (typeof value === "object" && value !== null && "problem" in value) return value as Problem;
  return null;
}
