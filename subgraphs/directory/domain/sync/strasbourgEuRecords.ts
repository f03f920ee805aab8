// Strasbourg.eu records (JSON web services, see shared/reference/strasbourg-eu-api) → the directory's content.
// Each record is validated on its own: a malformed one throws MalformedRecord with a reason that names the field
// (never its content), and the synchronisation counts it, logs it and goes on with the others.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { EventContent, EventPeriod } from "../../ports/eventStore.ts";
import type { PlaceContent, PlaceKind } from "../../ports/placeStore.ts";
import { type Opening, OpeningSchema } from "../opening.ts";
import { lambert93ToWgs84, webMercatorToWgs84 } from "../projections.ts";
import { french, frenchText, normalizeName } from "../text.ts";

export class MalformedRecord extends Error {
  override name = "MalformedRecord";
  readonly sourceId: string | null;
  constructor(sourceId: string | null, reason: string) {
    super(reason);
    this.sourceId = sourceId;
  }
}

/** Where Strasbourg.eu records' positions may lie: a generous frame around the Eurométropole. */
const REGION = { minLat: 47.5, maxLat: 49.5, minLon: 6.5, maxLon: 9 };

const Localized = z.union([z.string(), z.record(z.string(), z.string().nullish())]).nullish();
const Id = z.union([z.string().min(1), z.number().int()]).transform(String);
const Num = z
  .union([z.number(), z.string().trim().min(1).transform(Number)])
  .pipe(z.number().finite())
  .nullish();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date attendue au format aaaa-mm-jj");
const Hour = z.string().regex(/^([01]?\d|2[0-4]):[0-5]\d$/, "heure attendue au format hh:mm");
const Flag = z.boolean().nullish();

const PlaceRecord = z.object({
  id: Id,
  idSurfs: z.string().nullish(),
  name: Localized,
  description: Localized,
  serviceAndActivities: Localized,
  imageURL: z.string().nullish(),
  address: z.string().nullish(),
  street: z.string().nullish(),
  complement: z.string().nullish(),
  zipCode: z.union([z.string(), z.number()]).nullish(),
  city: z.string().nullish(),
  RGF93X: Num,
  RGF93Y: Num,
  mercatorX: Num,
  mercatorY: Num,
  types: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
  mail: z.string().nullish(),
  phone: z.string().nullish(),
  websiteURL: Localized,
  accessForDisabled: Localized,
  accessForBlind: Flag,
  accessForWheelchair: Flag,
  accessForDeaf: Flag,
  accessForElder: Flag,
  accessForDeficient: Flag,
  periods: z
    .array(
      z.object({
        periodName: Localized,
        startDate: Day.nullish(),
        endDate: Day.nullish(),
        alwaysOpen: z.boolean().nullish(),
        schedules: z
          .array(z.object({ dayOfWeek: z.number().int().min(0).max(6), startHour: Hour, endHour: Hour }))
          .nullish(),
      }),
    )
    .nullish(),
  exceptions: z
    .array(
      z.object({
        description: Localized,
        startDate: Day,
        endDate: Day,
        closed: z.boolean().nullish(),
        startHour: Hour.nullish(),
        endHour: Hour.nullish(),
      }),
    )
    .nullish(),
});

/**
 * Strasbourg.eu place types (SIG category ids, "Cat_<family>_<type>") → the directory's kinds, by family. An
 * unknown family is a public equipment, what most Strasbourg.eu places are.
 */
const KIND_BY_TYPE_FAMILY: Record<string, PlaceKind> = {
  Cat_02: "equipment", // culture: médiathèques, musées, salles de spectacle
  Cat_06: "equipment", // sport: piscines, gymnases, patinoire
  Cat_09: "park", // parcs, jardins, espaces naturels
  Cat_12: "meeting_place", // mairies de quartier, salles municipales, maisons des associations
  Cat_15: "third_place", // tiers-lieux, fablabs, espaces de coworking associatifs
};

function kindOf(types: string[]): PlaceKind {
  for (const type of types) {
    const family = /^(Cat_\d{2})/.exec(type)?.[1];
    if (family && KIND_BY_TYPE_FAMILY[family]) return KIND_BY_TYPE_FAMILY[family];
  }
  return "equipment";
}

/**
 * The position of a place. Web Mercator first; Lambert-93 otherwise. The documentation labels RGF93X and RGF93Y
 * the other way round ("RGF93X": "Coordonnée Y"), so each pair is read by magnitude: in France a Lambert-93
 * northing (6.0–7.2 million) is always larger than the easting, and so is a Web Mercator y.
 */
function positionOf(record: z.infer<typeof PlaceRecord>): { lat: number; lon: number } {
  const ordered = (a: number, b: number) => (a <= b ? [a, b] : [b, a]) as [number, number];
  let position: { lat: number; lon: number } | null = null;
  if (record.mercatorX != null && record.mercatorY != null) {
    const [x, y] = ordered(record.mercatorX, record.mercatorY);
    position = webMercatorToWgs84(x, y);
  } else if (record.RGF93X != null && record.RGF93Y != null) {
    const [x, y] = ordered(record.RGF93X, record.RGF93Y);
    position = lambert93ToWgs84(x, y);
  }
  if (!position) throw new MalformedRecord(record.id, "coordonnées absentes (mercatorX/Y et RGF93X/Y)");
  const { lat, lon } = position;
  if (!(lat >= REGION.minLat && lat <= REGION.maxLat && lon >= REGION.minLon && lon <= REGION.maxLon)) {
    throw new MalformedRecord(record.id, "coordonnées hors de la région de Strasbourg");
  }
  return { lat: Math.round(lat * 1e7) / 1e7, lon: Math.round(lon * 1e7) / 1e7 };
}

function openingOf(record: z.infer<typeof PlaceRecord>): Opening | null {
  if (!record.periods?.length && !record.exceptions?.length) return null;
  const opening: Opening = {
    periods: (record.periods ?? []).map((period) => ({
      name: french(period.periodName),
      startDate: period.startDate ?? null,
      endDate: period.endDate ?? null,
      alwaysOpen: period.alwaysOpen ?? false,
      schedules: (period.schedules ?? []).map((schedule) => ({
        dayOfWeek: schedule.dayOfWeek,
        startHour: schedule.startHour.padStart(5, "0"),
        endHour: schedule.endHour.padStart(5, "0"),
      })),
    })),
    exceptions: (record.exceptions ?? []).map((exception) => ({
      description: french(exception.description),
      startDate: exception.startDate,
      endDate: exception.endDate,
      closed: exception.closed ?? false,
      startHour: exception.startHour?.padStart(5, "0") ?? null,
      endHour: exception.endHour?.padStart(5, "0") ?? null,
    })),
  };
  return OpeningSchema.parse(opening);
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "enregistrement"} : ${issue.message}` : "enregistrement invalide";
}

/** The id of a raw record, if one can be read (to name it in a rejection, and to keep it from deletion). */
export function rawId(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === "string" && id !== "" ? id : typeof id === "number" ? String(id) : null;
}

export function contentHash(content: unknown): string {
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

export interface ParsedRecord<Content> {
  sourceId: string;
  content: Content;
  hash: string;
}

/** Place content without quartier and commune: the synchronisation locates the point afterwards. */
export type PlaceDraft = Omit<PlaceContent, "quartierId" | "communeId">;

export function parsePlace(raw: unknown): ParsedRecord<PlaceDraft> {
  const parsed = PlaceRecord.safeParse(raw);
  if (!parsed.success) throw new MalformedRecord(rawId(raw), issueOf(parsed.error));
  const record = parsed.data;
  const name = french(record.name);
  if (!name) throw new MalformedRecord(record.id, "name : nom absent");
  const { lat, lon } = positionOf(record);
  const types = record.types ?? [];
  const accessibility = {
    wheelchair: record.accessForWheelchair ?? null,
    blind: record.accessForBlind ?? null,
    deaf: record.accessForDeaf ?? null,
    elder: record.accessForElder ?? null,
    deficient: record.accessForDeficient ?? null,
    details: frenchText(record.accessForDisabled),
  };
  const street = [record.street, record.complement].filter(Boolean).join(", ");
  const content: PlaceDraft = {
    name,
    kind: kindOf(types),
    description:
      [frenchText(record.description), frenchText(record.serviceAndActivities)]
        .filter(Boolean)
        .join("\n\n") || null,
    address: record.address?.trim() || street || null,
    zipCode: record.zipCode != null ? String(record.zipCode) : null,
    city: record.city?.trim() || null,
    lat,
    lon,
    opening: openingOf(record),
    accessibility: Object.values(accessibility).some((value) => value !== null) ? accessibility : null,
    phone: record.phone?.trim() || null,
    email: record.mail?.trim() || null,
    website: french(record.websiteURL),
    imageUrl: record.imageURL?.trim() || null,
    typeIds: types,
  };
  return { sourceId: record.id, content, hash: contentHash(content) };
}

const EventRecordSchema = z.object({
  id: Id,
  title: Localized,
  subtitle: Localized,
  description: Localized,
  imageURL: z.string().nullish(),
  periods: z
    .array(z.object({ startDate: Day, endDate: Day, timeDetail: Localized }))
    .min(1, "au moins une période est attendue"),
  place: z
    .object({
      name: Localized,
      streetNumber: z.union([z.string(), z.number()]).nullish(),
      streetName: z.string().nullish(),
      zipCode: z.union([z.string(), z.number()]).nullish(),
      city: z.string().nullish(),
    })
    .nullish(),
  freeEntry: z.number().int().min(0).max(2).nullish(),
  price: Localized,
  types: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
  themes: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
  categories: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
  eventURL: z.string().nullish(),
});

/** Finds the directory's place an event takes place in, by its name (and city when both are known). */
export type PlaceMatcher = (name: string, city: string | null) => string | null;

export function placeMatcher(places: { id: string; name: string; city: string | null }[]): PlaceMatcher {
  const byName = new Map<string, { id: string; city: string | null }[]>();
  for (const place of places) {
    const key = normalizeName(place.name);
    byName.set(key, [...(byName.get(key) ?? []), place]);
  }
  return (name, city) => {
    const candidates = byName.get(normalizeName(name)) ?? [];
    if (candidates.length === 1) return candidates[0]?.id ?? null;
    const sameCity = candidates.filter(
      (place) => city && place.city && normalizeName(place.city) === normalizeName(city),
    );
    return sameCity.length === 1 ? (sameCity[0]?.id ?? null) : null;
  };
}

export function parseEvent(raw: unknown, matchPlace: PlaceMatcher): ParsedRecord<EventContent> {
  const parsed = EventRecordSchema.safeParse(raw);
  if (!parsed.success) throw new MalformedRecord(rawId(raw), issueOf(parsed.error));
  const record = parsed.data;
  const title = french(record.title);
  if (!title) throw new MalformedRecord(record.id, "title : titre absent");
  const periods: EventPeriod[] = record.periods.map((period) => ({
    startDate: period.startDate,
    endDate: period.endDate,
    timeDetail: french(period.timeDetail),
  }));
  for (const period of periods) {
    if (
      period.endDate < period.startDate ||
      Number.isNaN(Date.parse(period.startDate)) ||
      Number.isNaN(Date.parse(period.endDate))
    ) {
      throw new MalformedRecord(record.id, "periods : période invalide (fin avant début ou date impossible)");
    }
  }
  const placeName = french(record.place?.name);
  const city = record.place?.city?.trim() || null;
  const street = [record.place?.streetNumber, record.place?.streetName]
    .filter((part) => part != null && part !== "")
    .join(" ");
  const zip = record.place?.zipCode != null ? String(record.place.zipCode) : "";
  const content: EventContent = {
    title,
    subtitle: french(record.subtitle),
    description: frenchText(record.description),
    imageUrl: record.imageURL?.trim() || null,
    placeId: placeName ? matchPlace(placeName, city) : null,
    placeName,
    address: [street, [zip, city].filter(Boolean).join(" ")].filter(Boolean).join(", ") || null,
    city,
    periods,
    startDate: periods.map((period) => period.startDate).sort()[0] as string,
    endDate: periods
      .map((period) => period.endDate)
      .sort()
      .at(-1) as string,
    freeEntry: record.freeEntry ?? null,
    price: frenchText(record.price),
    url: record.eventURL?.trim() || null,
    categoryIds: [
      ...new Set([...(record.types ?? []), ...(record.themes ?? []), ...(record.categories ?? [])]),
    ],
  };
  return { sourceId: record.id, content, hash: contentHash(content) };
}

const CategoryRecordSchema = z.object({
  id: Id,
  name: Localized,
  level: z.number().int().min(0).nullish(),
  parentId: z.union([z.string(), z.number()]).transform(String).nullish(),
});

export function parseCategory(raw: unknown): {
  sourceId: string;
  name: string;
  parentSourceId: string | null;
  level: number | null;
} {
  const parsed = CategoryRecordSchema.safeParse(raw);
  if (!parsed.success) throw new MalformedRecord(rawId(raw), issueOf(parsed.error));
  const name = french(parsed.data.name);
  if (!name) throw new MalformedRecord(parsed.data.id, "name : nom absent");
  return {
    sourceId: parsed.data.id,
    name,
    parentSourceId: parsed.data.parentId ?? null,
    level: parsed.data.level ?? null,
  };
}
