// Locates many points at once (a synchronisation of hundreds of places): every boundary is read once, then each
// point is tested against the areas whose bounding box contains it.
import type { CommuneRecord, QuartierRecord } from "../../ports/geographyStore.ts";
import { type AreaGeometry, type Box, boundingBox, boxContains, parseAreaGeometry } from "../geometry.ts";
import { pickContaining } from "../locate.ts";

interface Area {
  id: string;
  key: string;
  boundary: AreaGeometry;
  box: Box;
}

function areasOf(rows: { id: string; key: string; boundary: unknown }[]): Area[] {
  return rows.flatMap((row) => {
    if (row.boundary === null || row.boundary === undefined) return [];
    try {
      const boundary = parseAreaGeometry(row.boundary);
      return [{ id: row.id, key: row.key, boundary, box: boundingBox(boundary) }];
    } catch {
      return [];
    }
  });
}

export type PointLocator = (
  lat: number,
  lon: number,
) => { quartierId: string | null; communeId: string | null };

export function areaLocator(quartiers: QuartierRecord[], communes: CommuneRecord[]): PointLocator {
  const quartierAreas = areasOf(quartiers.map((q) => ({ id: q.id, key: q.slug, boundary: q.boundary })));
  const communeAreas = areasOf(communes.map((c) => ({ id: c.id, key: c.inseeCode, boundary: c.boundary })));
  const pick = (areas: Area[], lat: number, lon: number) =>
    pickContaining(
      areas.filter((area) => boxContains(area.box, lat, lon)),
      lat,
      lon,
    )?.id ?? null;
  return (lat, lon) => ({
    quartierId: pick(quartierAreas, lat, lon),
    communeId: pick(communeAreas, lat, lon),
  });
}
