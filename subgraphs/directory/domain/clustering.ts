// Server-side clustering of map points: when a layer has more points in the box than the configured threshold,
// they are grouped on a regular grid over the box (n × n cells); a cell with several points becomes one cluster
// feature at the mean position of its points, a cell with one point keeps that point as it is. The grid is the
// same whether the points are grouped by the database (places, initiatives: GROUP BY cell, nothing loaded) or here
// (layers of other subgraphs, already bounded by their limit).
import type { Box } from "./geometry.ts";

export interface GridCluster {
  cellX: number;
  cellY: number;
  count: number;
  lat: number;
  lon: number;
  box: Box;
  /** The one point of a single-point cell (its feature, unchanged). */
  single?: unknown;
}

export interface Feature {
  type: "Feature";
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
  id?: string | number;
}

export interface FeatureCollection {
  type: "FeatureCollection";
  features: Feature[];
}

/** The grid cell of a point, clamped so that points on the east and north edges fall in the last cell. */
export function cellOf(box: Box, grid: number, lat: number, lon: number): { x: number; y: number } {
  const width = (box.maxLon - box.minLon) / grid;
  const height = (box.maxLat - box.minLat) / grid;
  const clamp = (value: number) => Math.min(grid - 1, Math.max(0, Math.floor(value)));
  return { x: clamp((lon - box.minLon) / width), y: clamp((lat - box.minLat) / height) };
}

/** Groups point features on the grid (non-point features are returned as they are). */
export function clusterFeatures(
  features: Feature[],
  box: Box,
  grid: number,
): { clusters: GridCluster[]; others: Feature[] } {
  const cells = new Map<
    string,
    { x: number; y: number; members: { lat: number; lon: number; feature: Feature }[] }
  >();
  const others: Feature[] = [];
  for (const feature of features) {
    const coordinates = feature.geometry?.coordinates;
    if (feature.geometry?.type !== "Point" || !Array.isArray(coordinates)) {
      others.push(feature);
      continue;
    }
    const [lon, lat] = coordinates as [number, number];
    const { x, y } = cellOf(box, grid, lat, lon);
    const key = `${x}:${y}`;
    const cell = cells.get(key) ?? { x, y, members: [] };
    cell.members.push({ lat, lon, feature });
    cells.set(key, cell);
  }
  const clusters = [...cells.values()].map((cell): GridCluster => {
    const lats = cell.members.map((member) => member.lat);
    const lons = cell.members.map((member) => member.lon);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    return {
      cellX: cell.x,
      cellY: cell.y,
      count: cell.members.length,
      lat: mean(lats),
      lon: mean(lons),
      box: {
        minLat: Math.min(...lats),
        maxLat: Math.max(...lats),
        minLon: Math.min(...lons),
        maxLon: Math.max(...lons),
      },
      ...(cell.members.length === 1 ? { single: cell.members[0]?.feature } : {}),
    };
  });
  return { clusters, others };
}

/** A cluster as a GeoJSON feature of a layer; a single-point cell is its point, made by `single`. */
export function clusterFeature(layer: string, cluster: GridCluster): Feature {
  return {
    type: "Feature",
    id: `${layer}:cluster:${cluster.cellX}:${cluster.cellY}`,
    geometry: { type: "Point", coordinates: [round6(cluster.lon), round6(cluster.lat)] },
    properties: {
      layer,
      cluster: true,
      pointCount: cluster.count,
      bbox: [cluster.box.minLon, cluster.box.minLat, cluster.box.maxLon, cluster.box.maxLat],
    },
  };
}

export const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
