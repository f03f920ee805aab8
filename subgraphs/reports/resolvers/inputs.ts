// Parsing of GraphQL arguments with zod: malformed input is BAD_USER_INPUT (with the field at fault), before any
// command runs. Business refusals (unknown category, outside the territory, …) are the commands' typed problems.
import { z } from "zod";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import type { Box } from "../domain/geo.ts";
import type { ReportStatus } from "../domain/lifecycle.ts";
import type { SubmitReportCommand } from "../domain/submitReport.ts";
import { isValidWgs84 } from "../domain/territory.ts";
import type { ReportListFilter } from "../ports/reportStore.ts";
import type { ReportsSettings } from "../settings.ts";

/** Throws BAD_USER_INPUT with the first problem, naming the field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, argument: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [argument, ...(issue?.path ?? [])].join(".");
  throw badUserInput(issue?.message ?? "Saisie invalide.", { argument: field });
}

export function requireUuid(value: unknown, argument: string): string {
  if (typeof value !== "string" || !isUuid(value)) throw badUserInput("Identifiant invalide.", { argument });
  return value;
}

// Control characters other than tab and line breaks have no place in a text typed by a person.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const chars = (value: string) => [...value].length;

const text = (max: number, label: string) =>
  z
    .string()
    // CRLF (forms, FixMyStreet) and lone CR become LF: one newline convention in storage, counted once.
    .transform((value) => value.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim())
    .refine((value) => chars(value) <= max, `${label} : ${max} caractères au plus.`);

const optionalText = (max: number, label: string) =>
  text(max, label)
    .nullish()
    .transform((value) => (value ? value : null));

export const GeoPointSchema = z
  .object({ lat: z.number(), lon: z.number() })
  .refine(
    (point) => isValidWgs84(point.lat, point.lon),
    "Coordonnées invalides : latitude et longitude WGS 84 attendues.",
  );

/** One media URL as the API takes it: http(s), bounded; "" stands for none. Shared by reports and comments. */
const mediaUrl = z
  .string()
  .trim()
  .max(2000, "Adresse de média trop longue.")
  .refine(
    (value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value),
    "Adresse de média invalide (http ou https).",
  );

const uuid = z.string().refine((value) => isUuid(value), "Identifiant invalide.");

export function submitInputSchema(settings: ReportsSettings) {
  return z.object({
    categoryCode: z
      .string()
      .trim()
      .min(1, "Code de catégorie manquant.")
      .max(64, "Code de catégorie trop long."),
    location: GeoPointSchema.nullish().transform((value) => value ?? null),
    address: optionalText(300, "Adresse"),
    description: text(settings.descriptionMaxChars, "Description"),
    attributes: z
      .array(
        z.object({
          code: z.string().max(64, "Code de question trop long."),
          values: z.array(z.string().max(4000, "Réponse trop longue.")).max(50, "Trop de valeurs."),
        }),
      )
      .max(50, "Trop de réponses.")
      .nullish()
      .transform((value) => value ?? []),
    photoUploadIds: z
      .array(uuid)
      .max(settings.photosPerReport, `${settings.photosPerReport} photos au plus.`)
      .refine((ids) => new Set(ids).size === ids.length, "Une même photo est jointe deux fois.")
      .nullish()
      .transform((value) => value ?? []),
    contact: z
      .object({
        firstName: optionalText(100, "Prénom"),
        lastName: optionalText(100, "Nom"),
        email: z
          .string()
          .trim()
          .max(254)
          .nullish()
          .transform((value) => value || null)
          .refine(
            (value) => value === null || z.email().safeParse(value).success,
            "Adresse électronique invalide.",
          ),
        phone: z
          .string()
          .trim()
          .nullish()
          .transform((value) => value || null)
          .refine(
            (value) => value === null || /^[+0-9 ().-]{6,30}$/.test(value),
            "Numéro de téléphone invalide.",
          ),
      })
      .nullish()
      .transform((value) => value ?? null),
    mediaUrl: mediaUrl.nullish().transform((value) => value || null),
    mediaUrls: mediaUrlsSchema(settings),
  });
}

/** A list of media URLs: at most photosPerReport, each checked, empty ones ignored. */
function mediaUrlsSchema(settings: ReportsSettings) {
  return z
    .array(mediaUrl)
    .max(settings.photosPerReport, `${settings.photosPerReport} adresses de média au plus.`)
    .nullish()
    .transform((value) => (value ?? []).filter((url) => url !== ""));
}

export function parseSubmitInput(input: unknown, settings: ReportsSettings): SubmitReportCommand {
  const parsed = parseOrThrow(submitInputSchema(settings), input, "input");
  if (parsed.location === null && parsed.address === null) {
    throw badUserInput("Donnez la position du problème, ou son adresse.", { argument: "input.location" });
  }
  const mediaUrls = [...new Set([...(parsed.mediaUrl ? [parsed.mediaUrl] : []), ...parsed.mediaUrls])];
  if (mediaUrls.length > settings.photosPerReport) {
    throw badUserInput(`${settings.photosPerReport} adresses de média au plus.`, {
      argument: "input.mediaUrls",
    });
  }
  return {
    categoryCode: parsed.categoryCode,
    lat: parsed.location?.lat ?? null,
    lon: parsed.location?.lon ?? null,
    address: parsed.address,
    description: parsed.description,
    attributes: parsed.attributes,
    photoUploadIds: parsed.photoUploadIds,
    contact: parsed.contact,
    // mediaUrl (one) and mediaUrls (several) are one list, without repeats, in the order given.
    mediaUrls,
  };
}

export const MAX_BBOX_DEGREES = 1;
export const MAX_NEAR_METERS = 5000;

const BoxSchema = z
  .object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() })
  .refine(
    (box) => isValidWgs84(box.south, box.west) && isValidWgs84(box.north, box.east),
    "Rectangle invalide : coordonnées WGS 84 attendues.",
  )
  .refine(
    (box) => box.west < box.east && box.south < box.north,
    "Rectangle invalide : ouest < est et sud < nord.",
  );

export function parseBox(value: unknown, argument: string, maxDegrees = MAX_BBOX_DEGREES): Box {
  const box = parseOrThrow(BoxSchema, value, argument);
  if (box.east - box.west > maxDegrees || box.north - box.south > maxDegrees) {
    throw badUserInput(`Rectangle trop grand : ${maxDegrees}° de côté au plus.`, { argument });
  }
  return box;
}

const FilterSchema = z
  .object({
    bbox: z.unknown().nullish(),
    near: z
      .object({
        lat: z.number(),
        lon: z.number(),
        radiusMeters: z
          .number()
          .positive("Le rayon doit être positif.")
          .max(MAX_NEAR_METERS, `Rayon : ${MAX_NEAR_METERS} m au plus.`)
          .nullish(),
      })
      .refine((near) => isValidWgs84(near.lat, near.lon), "Coordonnées invalides.")
      .nullish(),
    status: z.array(z.string()).max(7).nullish(),
    category: z.array(z.string().max(64)).max(50, "50 catégories au plus.").nullish(),
    quartier: uuid.nullish(),
    since: z.date().nullish(),
    until: z.date().nullish(),
    ids: z.array(uuid).max(100, "100 identifiants au plus.").nullish(),
  })
  .nullish();

export function parseFilter(value: unknown): ReportListFilter {
  const filter = parseOrThrow(FilterSchema, value, "filter");
  if (!filter) return {};
  const result: ReportListFilter = {};
  if (filter.bbox) result.bbox = parseBox(filter.bbox, "filter.bbox");
  if (filter.near) {
    result.near = {
      lat: filter.near.lat,
      lon: filter.near.lon,
      radiusMeters: filter.near.radiusMeters ?? 500,
    };
  }
  if (filter.status) result.statuses = filter.status as ReportStatus[];
  if (filter.category) result.categoryCodes = filter.category;
  if (filter.quartier) result.quartierId = filter.quartier;
  if (filter.since) result.since = filter.since;
  if (filter.until) result.until = filter.until;
  if (filter.ids) result.ids = filter.ids;
  return result;
}

export const StaffNoteSchema = optionalText(2000, "Note");
export const ReasonSchema = optionalText(500, "Motif");

export function commentInputSchema(settings: ReportsSettings) {
  return z.object({
    reportId: uuid,
    note: text(settings.descriptionMaxChars, "Complément").refine(
      (value) => value !== "",
      "Complément vide.",
    ),
    partnerUpdateId: z
      .string()
      .trim()
      .max(100, "Identifiant de complément trop long.")
      .nullish()
      .transform((value) => value || null),
    residentSays: z
      .enum(["fixed", "open"])
      .nullish()
      .transform((value) => value ?? null),
    photoUploadIds: z
      .array(uuid)
      .max(settings.photosPerReport, `${settings.photosPerReport} photos au plus.`)
      .refine((ids) => new Set(ids).size === ids.length, "Une même photo est jointe deux fois.")
      .nullish()
      .transform((value) => value ?? []),
    mediaUrls: mediaUrlsSchema(settings),
  });
}
