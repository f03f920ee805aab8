// The demo boundaries must behave like real ones for the platform: quartiers contain their centroids, nothing
// overlaps, the quartiers tile Strasbourg exactly, and every commune of the Eurométropole has one.
import { describe, expect, it } from "vitest";
import { areaSquareKm, containsPoint } from "../subgraphs/directory/domain/geometry.ts";
import { COMMUNES, QUARTIERS, STRASBOURG_INSEE_CODE } from "./directory.ts";
import { COMMUNE_CENTRES, demoGeography } from "./geography.ts";

describe("demo geography", () => {
  const geography = demoGeography();

  it("has a boundary for every commune and every quartier, each containing its centre", () => {
    expect(geography.communes.size).toBe(COMMUNES.length);
    for (const quartier of QUARTIERS) {
      const polygon = geography.quartiers.get(quartier.slug);
      expect(polygon).toBeDefined();
      expect(
        containsPoint(polygon as NonNullable<typeof polygon>, quartier.centroidLat, quartier.centroidLon),
      ).toBe(true);
    }
    for (const commune of COMMUNES) {
      const [lat, lon] = COMMUNE_CENTRES[commune.inseeCode] as [number, number];
      expect(containsPoint(geography.communes.get(commune.inseeCode) as never, lat, lon)).toBe(true);
    }
  });

  it("makes Strasbourg one polygon, of the right order of size", () => {
    const strasbourg = geography.communes.get(STRASBOURG_INSEE_CODE);
    expect(strasbourg?.type).toBe("Polygon");
    const area = areaSquareKm(strasbourg as NonNullable<typeof strasbourg>);
    expect(area).toBeGreaterThan(70);
    expect(area).toBeLessThan(100);
  });

  it("tiles without overlap: a point lies in at most one commune, and in a quartier exactly when in Strasbourg", () => {
    const strasbourg = geography.communes.get(STRASBOURG_INSEE_CODE) as NonNullable<
      ReturnType<typeof geography.communes.get>
    >;
    // A deterministic grid of points over the Eurométropole (no randomness in tests).
    for (let lat = 48.44; lat <= 48.71; lat += 0.0037) {
      for (let lon = 7.53; lon <= 7.87; lon += 0.0041) {
        const communes = [...geography.communes.values()].filter((area) =>
          containsPoint(area, lat, lon),
        ).length;
        const quartiers = [...geography.quartiers.values()].filter((area) =>
          containsPoint(area, lat, lon),
        ).length;
        expect(communes).toBeLessThanOrEqual(1);
        expect(quartiers === 1).toBe(containsPoint(strasbourg, lat, lon));
      }
    }
  });
});

describe("the outline of the demo geography", () => {
  it("follows the Rhine: Kehl, on the German bank, is in no commune", () => {
    const geography = demoGeography();
    for (const [lat, lon] of [
      [48.5727, 7.815], // Kehl
      [48.6, 7.86], // the Rhine's right bank, north
    ] as const) {
      expect([...geography.communes.values()].some((area) => containsPoint(area, lat, lon))).toBe(false);
    }
  });
});
