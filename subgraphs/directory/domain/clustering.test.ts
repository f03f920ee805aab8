import { describe, expect, it } from "vitest";
import { cellOf, clusterFeature, clusterFeatures, type Feature } from "./clustering.ts";

const box = { minLat: 48.5, maxLat: 48.6, minLon: 7.7, maxLon: 7.8 };
const point = (lat: number, lon: number, id: string): Feature => ({
  type: "Feature",
  geometry: { type: "Point", coordinates: [lon, lat] },
  properties: { id },
});

describe("grid clustering", () => {
  it("puts points of the east and north edges in the last cells", () => {
    expect(cellOf(box, 4, 48.5, 7.7)).toEqual({ x: 0, y: 0 });
    expect(cellOf(box, 4, 48.6, 7.8)).toEqual({ x: 3, y: 3 });
    expect(cellOf(box, 4, 48.56, 7.735)).toEqual({ x: 1, y: 2 });
  });

  it("groups points per cell, keeps lone points and other geometries, loses none", () => {
    const features = [
      point(48.51, 7.71, "a"),
      point(48.511, 7.711, "b"),
      point(48.512, 7.712, "c"),
      point(48.59, 7.79, "d"),
      { type: "Feature" as const, geometry: { type: "Polygon", coordinates: [] }, properties: {} },
    ];
    const { clusters, others } = clusterFeatures(features, box, 4);
    expect(others).toHaveLength(1);
    expect(clusters.map((cluster) => cluster.count).sort()).toEqual([1, 3]);
    expect(clusters.find((cluster) => cluster.count === 1)?.single).toBe(features[3]);
    const big = clusters.find((cluster) => cluster.count === 3);
    expect(big?.lat).toBeCloseTo(48.511, 6);
    const feature = clusterFeature("reports", big as NonNullable<typeof big>);
    expect(feature.properties).toMatchObject({ layer: "reports", cluster: true, pointCount: 3 });
  });
});
