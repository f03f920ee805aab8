import { describe, expect, it } from "vitest";
import { toLambert93, toWebMercator } from "../../../simulators/strasbourg-eu/projections.ts";
import { lambert93ToWgs84, webMercatorToWgs84, wgs84ToLambert93 } from "./projections.ts";

describe("projections of Strasbourg.eu positions", () => {
  const cathedral = { lat: 48.5818, lon: 7.751 };

  it("inverts Web Mercator", () => {
    const { x, y } = toWebMercator(cathedral.lat, cathedral.lon);
    const back = webMercatorToWgs84(x, y);
    expect(back.lat).toBeCloseTo(cathedral.lat, 9);
    expect(back.lon).toBeCloseTo(cathedral.lon, 9);
  });

  it("inverts Lambert-93, against an independent forward projection", () => {
    const { x, y } = toLambert93(cathedral.lat, cathedral.lon);
    // Lambert-93 of Strasbourg: about 1 050 km east and 6 842 km north of the projection's false origin.
    expect(x).toBeGreaterThan(1_049_000);
    expect(x).toBeLessThan(1_052_000);
    expect(y).toBeGreaterThan(6_840_000);
    expect(y).toBeLessThan(6_843_000);
    const back = lambert93ToWgs84(x, y);
    expect(back.lat).toBeCloseTo(cathedral.lat, 7);
    expect(back.lon).toBeCloseTo(cathedral.lon, 7);
    expect(wgs84ToLambert93(cathedral.lat, cathedral.lon).x).toBeCloseTo(x, 3);
  });

  it("places the origin meridian and parallel where the projection defines them", () => {
    const origin = lambert93ToWgs84(700_000, 6_600_000);
    expect(origin.lon).toBeCloseTo(3, 9);
    expect(origin.lat).toBeCloseTo(46.5, 9);
  });
});
