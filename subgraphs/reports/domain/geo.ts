// Small geodesy for "near" searches and duplicate proposals: great-circle distance and the bounding box that
// contains a circle (used as an index-friendly prefilter before the exact distance).

const EARTH_RADIUS_METERS = 6_371_008.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Haversine distance in metres. */
export function distanceMeters(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** The smallest latitude/longitude box containing the circle (valid away from the poles, as here). */
export function boxAround(center: { lat: number; lon: number }, radiusMeters: number): Box {
  const dLat = (radiusMeters / EARTH_RADIUS_METERS) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(toRadians(center.lat)), 1e-6);
  return {
    west: center.lon - dLon,
    south: center.lat - dLat,
    east: center.lon + dLon,
    north: center.lat + dLat,
  };
}

/** SQL for the haversine distance between columns lat/lon and parameters ($latParam, $lonParam), in metres. */
export function haversineSql(latParam: string, lonParam: string, prefix = ""): string {
  const lat = `${prefix}lat`;
  const lon = `${prefix}lon`;
  return `(2 * ${EARTH_RADIUS_METERS} * asin(least(1, sqrt(
    power(sin(radians(${lat} - ${latParam}) / 2), 2) +
    cos(radians(${latParam})) * cos(radians(${lat})) * power(sin(radians(${lon} - ${lonParam}) / 2), 2)))))`;
}
