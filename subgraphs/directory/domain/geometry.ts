// Plane geometry on WGS 84 coordinates, enough for the directory: GeoJSON polygons and multipolygons, their
// bounding boxes, and point-in-polygon with the boundary counted as inside. No PostGIS: boundaries are stored as
// GeoJSON, prefiltered by their bounding box in SQL and tested here. At the scale of a city the error of treating
// degrees as a plane is far below the precision of the boundaries themselves.
import { z } from "zod";

/** GeoJSON position: [longitude, latitude]. */
export type Position = [number, number];
export type Ring = Position[];
export interface PolygonGeometry {
  type: "Polygon";
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: "MultiPolygon";
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface Box {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

/** Tolerance, in degrees (about 0.1 mm), under which a point counts as lying on a boundary. */
const ON_EDGE_EPSILON = 1e-9;

const PositionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const RingSchema = z
  .array(PositionSchema)
  .min(4, "un anneau a au moins 4 positions")
  .refine((ring) => samePosition(ring[0], ring.at(-1)), "un anneau doit être fermé");
const PolygonSchema = z.object({ type: z.literal("Polygon"), coordinates: z.array(RingSchema).min(1) });
const MultiPolygonSchema = z.object({
  type: z.literal("MultiPolygon"),
  coordinates: z.array(z.array(RingSchema).min(1)).min(1),
});
export const AreaGeometrySchema = z.discriminatedUnion("type", [PolygonSchema, MultiPolygonSchema]);

function samePosition(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** Validates a GeoJSON geometry (Polygon or MultiPolygon, closed rings, coordinates in range). */
export function parseAreaGeometry(value: unknown): AreaGeometry {
  const parsed = AreaGeometrySchema.parse(value);
  // Extra dimensions (altitude) are dropped: the directory is two-dimensional.
  const ring = (r: number[][]): Ring => r.map((p) => [p[0] as number, p[1] as number]);
  return parsed.type === "Polygon"
    ? { type: "Polygon", coordinates: parsed.coordinates.map(ring) }
    : { type: "MultiPolygon", coordinates: parsed.coordinates.map((polygon) => polygon.map(ring)) };
}

function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

export function boundingBox(geometry: AreaGeometry): Box {
  let minLat = Infinity;
  let minLon = Infinity;
  let maxLat = -Infinity;
  let maxLon = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [lon, lat] of polygon[0] ?? []) {
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
    }
  }
  return { minLat, minLon, maxLat, maxLon };
}

/** True when the point lies on the segment a–b (within ON_EDGE_EPSILON). */
function onSegment(lon: number, lat: number, a: Position, b: Position): boolean {
  const [ax, ay] = a;
  const [bx, by] = b;
  const cross = (bx - ax) * (lat - ay) - (by - ay) * (lon - ax);
  const length = Math.hypot(bx - ax, by - ay);
  if (Math.abs(cross) > ON_EDGE_EPSILON * Math.max(length, ON_EDGE_EPSILON)) return false;
  return (
    lon >= Math.min(ax, bx) - ON_EDGE_EPSILON &&
    lon <= Math.max(ax, bx) + ON_EDGE_EPSILON &&
    lat >= Math.min(ay, by) - ON_EDGE_EPSILON &&
    lat <= Math.max(ay, by) + ON_EDGE_EPSILON
  );
}

type RingPosition = "inside" | "outside" | "edge";

/** Ray casting (even–odd), with the boundary detected first. */
function locateInRing(lon: number, lat: number, ring: Ring): RingPosition {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    if (onSegment(lon, lat, a, b)) return "edge";
    const [ax, ay] = a;
    const [bx, by] = b;
    if (ay > lat !== by > lat && lon < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside ? "inside" : "outside";
}

/** Point in polygon, boundary included: a point on an edge or a vertex is inside (also on a hole's edge). */
export function containsPoint(geometry: AreaGeometry, lat: number, lon: number): boolean {
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    if (!outer) continue;
    const where = locateInRing(lon, lat, outer);
    if (where === "outside") continue;
    if (where === "edge") return true;
    const inHole = holes.some((hole) => locateInRing(lon, lat, hole) === "inside");
    if (!inHole) return true;
  }
  return false;
}

export function boxContains(box: Box, lat: number, lon: number): boolean {
  return lat >= box.minLat && lat <= box.maxLat && lon >= box.minLon && lon <= box.maxLon;
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return a.minLat <= b.maxLat && a.maxLat >= b.minLat && a.minLon <= b.maxLon && a.maxLon >= b.minLon;
}

/** Signed area of a ring in square degrees (positive when counter-clockwise). */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as Position;
    const [x2, y2] = ring[i + 1] as Position;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Area of a geometry in square kilometres (local equirectangular projection; fine at city scale). */
export function areaSquareKm(geometry: AreaGeometry): number {
  const box = boundingBox(geometry);
  const latMid = (box.minLat + box.maxLat) / 2;
  const kmPerDegLat = 110.574;
  const kmPerDegLon = 111.32 * Math.cos((latMid * Math.PI) / 180);
  let total = 0;
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    total += Math.abs(ringArea(outer ?? []));
    for (const hole of holes) total -= Math.abs(ringArea(hole));
  }
  return total * kmPerDegLat * kmPerDegLon;
}
