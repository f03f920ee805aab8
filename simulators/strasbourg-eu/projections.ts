// The simulator publishes positions the way Strasbourg.eu does, projected: Web Mercator (EPSG:3857) and
// Lambert-93 (EPSG:2154, GRS80). Forward formulas only (Snyder, Map Projections, §7 and §15); written here, apart
// from the platform's adapter, so that the adapter's inverse projections are checked against an independent source.
const RAD = Math.PI / 180;

export function toWebMercator(lat: number, lon: number): { x: number; y: number } {
  const r = 6_378_137;
  return { x: lon * RAD * r, y: Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) * r };
}

export function toLambert93(lat: number, lon: number): { x: number; y: number } {
  const a = 6_378_137;
  const f = 1 / 298.257222101;
  const e = Math.sqrt(2 * f - f * f);
  const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - (e * Math.sin(phi)) ** 2);
  const t = (phi: number) =>
    Math.tan(Math.PI / 4 - phi / 2) / ((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))) ** (e / 2);
  const [phi1, phi2, phi0, lambda0] = [44 * RAD, 49 * RAD, 46.5 * RAD, 3 * RAD];
  const n = (Math.log(m(phi1)) - Math.log(m(phi2))) / (Math.log(t(phi1)) - Math.log(t(phi2)));
  const F = m(phi1) / (n * t(phi1) ** n);
  const rho = (phi: number) => a * F * t(phi) ** n;
  const theta = n * (lon * RAD - lambda0);
  return {
    x: 700_000 + rho(lat * RAD) * Math.sin(theta),
    y: 6_600_000 + rho(phi0) - rho(lat * RAD) * Math.cos(theta),
  };
}
