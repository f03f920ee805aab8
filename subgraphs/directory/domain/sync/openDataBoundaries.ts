// Boundaries of quartiers and communes from the open-data portal (Opendatasoft records). A quartier record is
// matched to the directory's quartier by its dataset code once known, else by its name (accents, case and
// punctuation aside); a neighbourhood the directory does not know yet is created (quartiers are referenced by the
// other subgraphs, so they are never deleted: a quartier that leaves the dataset keeps its last boundary). Commune
// records are matched by INSEE code; the 33 communes are fixed, an unknown code is a malformed record.
import { z } from "zod";
import type { Logger } from "../../../../platform/logger.ts";
import type { CommuneRecord, QuartierRecord } from "../../ports/geographyStore.ts";
import type { Rejection, SyncRunRecord, SyncStore } from "../../ports/syncStore.ts";
import { type AreaGeometry, boundingBox, parseAreaGeometry } from "../geometry.ts";
import { normalizeName, slugify } from "../text.ts";
import { emptyCounts, failureReason, MAX_REJECTIONS_KEPT } from "./syncSource.ts";

const GeoPoint = z.object({ lon: z.number(), lat: z.number() });
/** Opendatasoft serves geo_shape as a GeoJSON Feature; a bare geometry is accepted too. */
const GeoShape = z.union([
  z.object({ type: z.literal("Feature"), geometry: z.unknown() }).transform((feature) => feature.geometry),
  z.object({ type: z.enum(["Polygon", "MultiPolygon"]) }).passthrough(),
]);

const QuartierRecordSchema = z.object({
  code_quartier: z.union([z.string().min(1), z.number()]).transform(String),
  nom_quartier: z.string().min(1),
  code_insee: z.union([z.string(), z.number()]).transform(String).nullish(),
  geo_point_2d: GeoPoint.nullish(),
  geo_shape: GeoShape,
});

const CommuneRecordSchema = z.object({
  code_insee: z.union([z.string(), z.number()]).transform(String),
  nom_commune: z.string().nullish(),
  geo_shape: GeoShape,
});

/** Boundaries must lie around Strasbourg: a record in another projection or with swapped axes is malformed. */
const REGION = { minLat: 47.5, maxLat: 49.5, minLon: 6.5, maxLon: 9 };

function geometryOf(shape: unknown): AreaGeometry {
  const geometry = parseAreaGeometry(shape);
  const box = boundingBox(geometry);
  if (
    box.minLat < REGION.minLat ||
    box.maxLat > REGION.maxLat ||
    box.minLon < REGION.minLon ||
    box.maxLon > REGION.maxLon
  ) {
    throw new Error("géométrie hors de la région de Strasbourg (projection ou axes inversés ?)");
  }
  return geometry;
}

export interface BoundaryTarget {
  allQuartiers(): Promise<QuartierRecord[]>;
  allCommunes(): Promise<CommuneRecord[]>;
  setQuartierBoundary(id: string, update: BoundaryUpdateArgs): Promise<void>;
  setCommuneBoundary(id: string, update: BoundaryUpdateArgs): Promise<void>;
  createQuartier(quartier: {
    slug: string;
    name: string;
    communeId: string;
    centroidLat: number;
    centroidLon: number;
  }): Promise<QuartierRecord>;
}

interface BoundaryUpdateArgs {
  geometry: AreaGeometry;
  box: ReturnType<typeof boundingBox>;
  source: string;
  sourceId?: string;
  fetchedAt: Date;
}

export interface BoundarySyncOptions {
  dataset: string;
  fetchRecords: () => Promise<unknown[]>;
  target: BoundaryTarget;
  store: SyncStore;
  log: Logger;
  now?: () => Date;
}

const issueOf = (error: unknown) =>
  error instanceof z.ZodError
    ? `${error.issues[0]?.path.join(".") ?? "enregistrement"} : ${error.issues[0]?.message ?? "invalide"}`
    : error instanceof Error
      ? error.message
      : "enregistrement illisible";

const sameGeometry = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function runBoundarySync(
  options: BoundarySyncOptions,
  apply: (raw: unknown, fetchedAt: Date) => Promise<"created" | "updated" | "unchanged">,
  idOf: (raw: unknown) => string | null,
): Promise<SyncRunRecord> {
  const now = options.now ?? (() => new Date());
  const source = `opendata:${options.dataset}`;
  const runId = await options.store.start(source, now());
  const counts = emptyCounts();
  const rejections: Rejection[] = [];
  let records: unknown[];
  try {
    records = await options.fetchRecords();
  } catch (error) {
    const reason = failureReason(error);
    options.log.warn({ source, reason }, "synchronisation failed: the previous boundaries are kept");
    return options.store.finish(runId, { status: "failed", counts, rejections, error: reason }, now());
  }
  counts.fetched = records.length;
  const fetchedAt = now();
  for (const raw of records) {
    try {
      counts[await apply(raw, fetchedAt)]++;
    } catch (error) {
      counts.malformed++;
      const reason = issueOf(error);
      if (rejections.length < MAX_REJECTIONS_KEPT) rejections.push({ sourceId: idOf(raw), reason });
      options.log.warn({ source, sourceId: idOf(raw), reason }, "malformed open-data record skipped");
    }
  }
  const run = await options.store.finish(
    runId,
    { status: "succeeded", counts, rejections, error: null },
    now(),
  );
  options.log.info({ source, ...counts }, "synchronisation done");
  return run;
}

const field = (raw: unknown, name: string): string | null => {
  const value = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)[name] : undefined;
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
};

export async function syncQuartierBoundaries(
  options: BoundarySyncOptions,
  defaultCommuneInsee: string,
): Promise<SyncRunRecord> {
  const source = `opendata:${options.dataset}`;
  const quartiers = await options.target.allQuartiers();
  const communes = await options.target.allCommunes();
  const communeByInsee = new Map(communes.map((commune) => [commune.inseeCode, commune]));
  const byCode = new Map(
    quartiers.flatMap((q) => (q.boundarySourceId ? [[q.boundarySourceId, q] as const] : [])),
  );
  const byName = new Map(quartiers.map((q) => [normalizeName(q.name), q]));
  const slugs = new Set(quartiers.map((q) => q.slug));
  return runBoundarySync(
    options,
    async (raw, fetchedAt) => {
      const record = QuartierRecordSchema.parse(raw);
      const geometry = geometryOf(record.geo_shape);
      const update = {
        geometry,
        box: boundingBox(geometry),
        source,
        sourceId: record.code_quartier,
        fetchedAt,
      };
      const known = byCode.get(record.code_quartier) ?? byName.get(normalizeName(record.nom_quartier));
      if (known) {
        const unchanged =
          known.boundarySourceId === record.code_quartier && sameGeometry(known.boundary, geometry);
        await options.target.setQuartierBoundary(known.id, update);
        return unchanged ? "unchanged" : "updated";
      }
      const commune = communeByInsee.get(record.code_insee ?? defaultCommuneInsee);
      if (!commune) throw new Error(`code_insee : commune inconnue (${record.code_insee})`);
      const box = update.box;
      let slug = slugify(record.nom_quartier) || `quartier-${slugify(record.code_quartier)}`;
      if (slugs.has(slug)) slug = `${slug}-${slugify(record.code_quartier)}`;
      slugs.add(slug);
      const created = await options.target.createQuartier({
        slug,
        name: record.nom_quartier,
        communeId: commune.id,
        centroidLat: record.geo_point_2d?.lat ?? (box.minLat + box.maxLat) / 2,
        centroidLon: record.geo_point_2d?.lon ?? (box.minLon + box.maxLon) / 2,
      });
      await options.target.setQuartierBoundary(created.id, update);
      byCode.set(record.code_quartier, created);
      return "created";
    },
    (raw) => field(raw, "code_quartier"),
  );
}

export async function syncCommuneBoundaries(options: BoundarySyncOptions): Promise<SyncRunRecord> {
  const source = `opendata:${options.dataset}`;
  const communes = new Map(
    (await options.target.allCommunes()).map((commune) => [commune.inseeCode, commune]),
  );
  return runBoundarySync(
    options,
    async (raw, fetchedAt) => {
      const record = CommuneRecordSchema.parse(raw);
      const commune = communes.get(record.code_insee);
      if (!commune) throw new Error(`code_insee : commune hors de l'Eurométropole (${record.code_insee})`);
      const geometry = geometryOf(record.geo_shape);
      const unchanged = commune.boundarySource === source && sameGeometry(commune.boundary, geometry);
      await options.target.setCommuneBoundary(commune.id, {
        geometry,
        box: boundingBox(geometry),
        source,
        sourceId: record.code_insee,
        fetchedAt,
      });
      return unchanged ? "unchanged" : "updated";
    },
    (raw) => field(raw, "code_insee"),
  );
}
