// Map projections of the coordinates Strasbourg.eu publishes: Web Mercator (EPSG:3857, metres) and Lambert-93
// (EPSG:2154, RGF93 — the French official projection). RGF93 and WGS 84 differ by less than a metre, well below the
// precision of a place's position, so RGF93 geographic coordinates are taken as WGS 84.

const MERCATOR_RADIUS = 6_378_137;
const DEG = 180 / Math.PI;
const RAD = Math.PI / 180;

export function webMercatorToWgs84(x: number, y: number): { lat: number; lon: number } {
  return {
    lon: (x / MERCATOR_RADIUS) * DEG,
    lat: (2 * Math.atan(Math.exp(y / MERCATOR_RADIUS)) - Math.PI / 2) * DEG,
  };
}

export function wgs84ToWebMercator(lat: number, lon: number): { x: number; y: number } {
  return {
    x: lon * RAD * MERCATOR_RADIUS,
    y: Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) * MERCATOR_RADIUS,
  };
}

// Lambert conformal conic with two standard parallels on the GRS80 ellipsoid (Snyder, Map Projections, §15).
const A = 6_378_137;
const F = 1 / 298.257222101;
const E = Math.sqrt(2 * F - F * F);
const PHI1 = 44 * RAD;
const PHI2 = 49 * RAD;
const PHI0 = 46.5 * RAD;
const LAMBDA0 = 3 * RAD;
const X0 = 700_000;
const Y0 = 6_600_000;

const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - (E * Math.sin(phi)) ** 2);
const t = (phi: number) =>
  Math.tan(Math.PI / 4 - phi / 2) / ((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi))) ** (E / 2);
const N = (Math.log(m(PHI1)) - Math.log(m(PHI2))) / (Math.log(t(PHI1)) - Math.log(t(PHI2)));
const BIG_F = m(PHI1) / (N * t(PHI1) ** N);
const rho = (phi: number) => A * BIG_F * t(phi) ** N;
const RHO0 = rho(PHI0);

export function wgs84ToLambert93(lat: number, lon: number): { x: number; y: number } {
  const r = rho(lat * RAD);
  const theta = N * (lon * RAD - LAMBDA0);
  return { x: X0 + r * Math.sin(theta), y: Y0 + RHO0 - r * Math.cos(theta) };
}

export function lambert93ToWgs84(x: number, y: number): { lat: number; lon: number } {
  const dx = x - X0;
  const dy = RHO0 - (y - Y0);
  const r = Math.sign(N) * Math.hypot(dx, dy);
  const theta = Math.atan2(dx, dy);
  const tt = (r / (A * BIG_F)) ** (1 / N);
  let phi = Math.PI / 2 - 2 * Math.atan(tt);
  for (let i = 0; i < 10; i++) {
    const next =
      Math.PI / 2 - 2 * Math.atan(tt * ((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi))) ** (E / 2));
    if (Math.abs(next - phi) < 1e-12) {
      phi = next;
      break;
    }
    phi = next;
  }
  return { lat: phi * DEG, lon: (theta / N + LAMBDA0) * DEG };
}
