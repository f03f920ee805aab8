import { describe, expect, it } from "vitest";
import {
  areaSquareKm,
  boundingBox,
  containsPoint,
  type PolygonGeometry,
  parseAreaGeometry,
} from "./geometry.ts";

const square: PolygonGeometry = {
  type: "Polygon",
  coordinates: [
    [
      [7.7, 48.5],
      [7.8, 48.5],
      [7.8, 48.6],
      [7.7, 48.6],
      [7.7, 48.5],
    ],
    // A hole in the middle.
    [
      [7.74, 48.54],
      [7.76, 48.54],
      [7.76, 48.56],
      [7.74, 48.56],
      [7.74, 48.54],
    ],
  ],
};

describe("containsPoint", () => {
  it("tells inside from outside", () => {
    expect(containsPoint(square, 48.52, 7.72)).toBe(true);
    expect(containsPoint(square, 48.62, 7.72)).toBe(false);
    expect(containsPoint(square, 48.52, 7.69)).toBe(false);
  });

  it("counts the boundary as inside: edges and vertices", () => {
    expect(containsPoint(square, 48.5, 7.75)).toBe(true);
    expect(containsPoint(square, 48.55, 7.8)).toBe(true);
    expect(containsPoint(square, 48.6, 7.7)).toBe(true);
  });

  it("excludes holes but keeps their edges", () => {
    expect(containsPoint(square, 48.55, 7.75)).toBe(false);
    expect(containsPoint(square, 48.54, 7.75)).toBe(true);
  });

  it("handles multipolygons", () => {
    const multi = parseAreaGeometry({
      type: "MultiPolygon",
      coordinates: [
        square.coordinates,
        [
          [
            [8, 49],
            [8.1, 49],
            [8.1, 49.1],
            [8, 49],
          ],
        ],
      ],
    });
    expect(containsPoint(multi, 49.02, 8.05)).toBe(true);
    expect(containsPoint(multi, 48.52, 7.72)).toBe(true);
    expect(containsPoint(multi, 49.08, 8.01)).toBe(false);
  });
});

describe("parseAreaGeometry", () => {
  it("refuses open rings, too few positions and coordinates out of range", () => {
    expect(() =>
      parseAreaGeometry({
        type: "Polygon",
        coordinates: [
          [
            [7, 48],
            [8, 48],
            [8, 49],
            [7, 49],
          ],
        ],
      }),
    ).toThrow();
    expect(() =>
      parseAreaGeometry({
        type: "Polygon",
        coordinates: [
          [
            [7, 48],
            [8, 48],
            [7, 48],
          ],
        ],
      }),
    ).toThrow();
    expect(() =>
      parseAreaGeometry({
        type: "Polygon",
        coordinates: [
          [
            [7, 48],
            [200, 48],
            [8, 49],
            [7, 48],
          ],
        ],
      }),
    ).toThrow();
    expect(() => parseAreaGeometry({ type: "Point", coordinates: [7, 48] })).toThrow();
  });

  it("drops altitudes", () => {
    const geometry = parseAreaGeometry({
      type: "Polygon",
      coordinates: [
        [
          [7, 48, 140],
          [8, 48, 141],
          [8, 49, 142],
          [7, 48, 140],
        ],
      ],
    });
    expect(geometry.coordinates[0]?.[1]).toEqual([8, 48]);
  });
});

describe("measures", () => {
  it("computes the bounding box and an area in km² (the hole removed)", () => {
    expect(boundingBox(square)).toEqual({ minLat: 48.5, minLon: 7.7, maxLat: 48.6, maxLon: 7.8 });
    // 0.1° × 0.1° at 48.55 N ≈ 7.37 km × 11.06 km ≈ 81.5 km², minus the hole (≈ 3.3 km²).
    expect(areaSquareKm(square)).toBeGreaterThan(77);
    expect(areaSquareKm(square)).toBeLessThan(80);
  });
});
