import { describe, expect, it } from "vitest";
import { boxAround, distanceMeters } from "./geo.ts";
import { routeReport } from "./routing.ts";
import { insideCoarseTerritory, isValidWgs84 } from "./territory.ts";

describe("territory", () => {
  it("accepts the cathedral and refuses Paris, Kehl's far side and nonsense", () => {
    expect(insideCoarseTerritory(48.5818, 7.751)).toBe(true);
    expect(insideCoarseTerritory(48.8566, 2.3522)).toBe(false);
    expect(insideCoarseTerritory(48.57, 7.96)).toBe(false);
    expect(isValidWgs84(91, 7)).toBe(false);
    expect(isValidWgs84(Number.NaN, 7)).toBe(false);
  });
});

describe("distances", () => {
  it("measures the cathedral to the station (about 1.2 km)", () => {
    const meters = distanceMeters({ lat: 48.5818, lon: 7.751 }, { lat: 48.5851, lon: 7.7345 });
    expect(meters).toBeGreaterThan(1200);
    expect(meters).toBeLessThan(1300);
  });

  it("boxes a circle: every point of the circle is inside the box", () => {
    const center = { lat: 48.58, lon: 7.75 };
    const box = boxAround(center, 500);
    for (let angle = 0; angle < 360; angle += 15) {
      const radians = (angle * Math.PI) / 180;
      const point = {
        lat: center.lat + (499 / 111_195) * Math.cos(radians),
        lon: center.lon + (499 / (111_195 * Math.cos((center.lat * Math.PI) / 180))) * Math.sin(radians),
      };
      expect(distanceMeters(center, point)).toBeLessThan(500);
      expect(point.lat).toBeGreaterThanOrEqual(box.south);
      expect(point.lat).toBeLessThanOrEqual(box.north);
      expect(point.lon).toBeGreaterThanOrEqual(box.west);
      expect(point.lon).toBeLessThanOrEqual(box.east);
    }
  });
});

describe("routing", () => {
  const category = { defaultServiceCode: "ECLAIRAGE" };
  const rules = new Map([["67447", "SCHILTIGHEIM-ST"]]);

  it("uses the commune's rule, else the category's service", () => {
    expect(routeReport(category, "67447", (code) => rules.get(code), true)).toEqual({
      serviceCode: "SCHILTIGHEIM-ST",
      needsRouting: false,
    });
    expect(routeReport(category, "67482", (code) => rules.get(code), true)).toEqual({
      serviceCode: "ECLAIRAGE",
      needsRouting: false,
    });
  });

  it("routes by category and flags the report when the location is unknown", () => {
    expect(routeReport(category, null, (code) => rules.get(code), false)).toEqual({
      serviceCode: "ECLAIRAGE",
      needsRouting: true,
    });
  });
});
