// Where reports may be made: inside the Eurométropole of Strasbourg. The coarse rectangle (domain figures:
// 48.45–48.70 N, 7.60–7.95 E) refuses obvious mistakes without asking anyone; the commune polygons (owned by the
// directory, asked through the Locator port) then decide.

export const EUROMETROPOLE_BBOX = { south: 48.45, north: 48.7, west: 7.6, east: 7.95 } as const;

export function isValidWgs84(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

export function insideCoarseTerritory(lat: number, lon: number): boolean {
  const box = EUROMETROPOLE_BBOX;
  return lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;
}
