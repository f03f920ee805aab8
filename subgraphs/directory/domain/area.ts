// Validation of the geographic arguments: coordinates, bounding boxes and circles. Refusals are InvalidInput
// errors that name the argument and say what is wrong, in French.
import type { Box } from "./geometry.ts";
import { InvalidInput } from "./invalidInput.ts";

export interface BoundingBoxInput {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface NearArgs {
  lat: number;
  lon: number;
  radiusMeters?: number | null;
}

export interface Near {
  lat: number;
  lon: number;
  radiusMeters: number;
}

export const DEFAULT_RADIUS_METERS = 1000;

const finite = (value: number) => Number.isFinite(value);

/** Latitude in [-90, 90] and longitude in [-180, 180]. */
export function checkCoordinates(lat: number, lon: number, argument = "lat/lon"): void {
  if (!finite(lat) || lat < -90 || lat > 90) {
    throw new InvalidInput(
      argument,
      `Latitude hors limites (${lat}) : elle doit être comprise entre -90 et 90.`,
    );
  }
  if (!finite(lon) || lon < -180 || lon > 180) {
    throw new InvalidInput(
      argument,
      `Longitude hors limites (${lon}) : elle doit être comprise entre -180 et 180.`,
    );
  }
}

/**
 * A bounding box: coordinates in range, west < east and south < north (an inverted box is refused, not
 * silently swapped: it is almost always a client bug), and at most `maxDegrees` on each side.
 */
export function parseBoundingBox(input: BoundingBoxInput, maxDegrees: number, argument = "bbox"): Box {
  const { west, south, east, north } = input;
  checkCoordinates(south, west, argument);
  checkCoordinates(north, east, argument);
  if (west >= east) {
    throw new InvalidInput(
      argument,
      `Rectangle inversé : l'ouest (${west}) doit être inférieur à l'est (${east}).`,
    );
  }
  if (south >= north) {
    throw new InvalidInput(
      argument,
      `Rectangle inversé : le sud (${south}) doit être inférieur au nord (${north}).`,
    );
  }
  if (east - west > maxDegrees || north - south > maxDegrees) {
    throw new InvalidInput(
      argument,
      `Rectangle trop grand : ${maxDegrees} degré(s) de côté au plus (ici ${round(east - west)} × ${round(north - south)}).`,
    );
  }
  return { minLat: south, minLon: west, maxLat: north, maxLon: east };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function parseNear(input: NearArgs, maxRadiusMeters: number, argument = "near"): Near {
  checkCoordinates(input.lat, input.lon, argument);
  const radiusMeters = input.radiusMeters ?? DEFAULT_RADIUS_METERS;
  if (!Number.isInteger(radiusMeters) || radiusMeters < 1 || radiusMeters > maxRadiusMeters) {
    throw new InvalidInput(argument, `Le rayon doit être compris entre 1 et ${maxRadiusMeters} mètres.`);
  }
  return { lat: input.lat, lon: input.lon, radiusMeters };
}

/** The bounding box of a circle (slightly larger than the circle): the index-friendly prefilter of `near`. */
export function boxAround(near: Near): Box {
  const dLat = near.radiusMeters / 111_320;
  const dLon = near.radiusMeters / (111_320 * Math.max(Math.cos((near.lat * Math.PI) / 180), 0.01));
  return {
    minLat: near.lat - dLat,
    maxLat: near.lat + dLat,
    minLon: near.lon - dLon,
    maxLon: near.lon + dLon,
  };
}
