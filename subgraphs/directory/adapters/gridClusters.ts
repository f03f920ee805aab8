// The map's grid clustering, one SQL statement for any layer: the points of a box are grouped by grid cell (grid ×
// grid cells over the box) with their count, centre and extent; a cell holding one point names it, and those
// points are read in one more batch so the map can show them as themselves.
import type { SqlRunner } from "../../../platform/db/database.ts";
import type { GridCluster } from "../domain/clustering.ts";
import type { Box } from "../domain/geometry.ts";

interface CellRow {
  x: number;
  y: number;
  count: number;
  lat: number;
  lon: number;
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
  singleId: string | null;
}

export async function gridClusters<Record extends { id: string }>(
  sql: SqlRunner,
  layer: {
    /** `"schema"."table"` with `id`, `lat` and `lon` columns. */
    table: string;
    /** The layer's points in the box: $1–$4 are minLat, maxLat, minLon, maxLon; further values from $5. */
    where: string;
    values?: readonly unknown[];
  },
  box: Box,
  grid: number,
  byIds: (ids: string[]) => Promise<Record[]>,
): Promise<GridCluster[]> {
  const values = [box.minLat, box.maxLat, box.minLon, box.maxLon, ...(layer.values ?? []), grid];
  const g = `$${values.length}::int`;
  const rows = await sql.query<CellRow>(
    `SELECT x, y, count(*)::int AS count, avg(lat) AS lat, avg(lon) AS lon, min(lat) AS "minLat",
            max(lat) AS "maxLat", min(lon) AS "minLon", max(lon) AS "maxLon",
            CASE WHEN count(*) = 1 THEN min(id::text) END AS "singleId"
     FROM (SELECT id, lat, lon,
                  least(${g} - 1, floor((lon - $3::float8) / (($4::float8 - $3::float8) / ${g})))::int AS x,
                  least(${g} - 1, floor((lat - $1::float8) / (($2::float8 - $1::float8) / ${g})))::int AS y
           FROM ${layer.table} WHERE ${layer.where}) cells
     GROUP BY x, y ORDER BY y, x`,
    values,
  );
  const singles = new Map(
    (await byIds(rows.flatMap((row) => (row.singleId ? [row.singleId] : [])))).map((record) => [
      record.id,
      record,
    ]),
  );
  return rows.map(
    (row): GridCluster => ({
      cellX: row.x,
      cellY: row.y,
      count: row.count,
      lat: Number(row.lat),
      lon: Number(row.lon),
      box: { minLat: row.minLat, maxLat: row.maxLat, minLon: row.minLon, maxLon: row.maxLon },
      ...(row.singleId ? { single: singles.get(row.singleId) } : {}),
    }),
  );
}
