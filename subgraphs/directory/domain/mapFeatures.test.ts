import { describe, expect, it } from "vitest";
import { collectMap, LayerUnavailable, remoteLayer } from "./mapFeatures.ts";

const box = { minLat: 48.5, maxLat: 48.6, minLon: 7.7, maxLon: 7.8 };
const settings = { clusterThreshold: 10, grid: 4, remoteLimit: 50 };
const points = (count: number) => ({
  type: "FeatureCollection",
  features: Array.from({ length: count }, (_, i) => ({
    type: "Feature",
    geometry: { type: "Point", coordinates: [7.7 + (i % 10) * 0.01, 48.5 + Math.floor(i / 10) * 0.01] },
    properties: { id: String(i) },
  })),
});

describe("map layers", () => {
  it("tags remote features with their layer and clusters them when too many", () => {
    const few = remoteLayer("reports", points(5), box, settings, "reports");
    expect(few).toMatchObject({ count: 5, featureCount: 5, clustered: false, truncated: false });
    expect(few.features.every((feature) => feature.properties.layer === "reports")).toBe(true);
    const many = remoteLayer("reports", points(50), box, settings, "reports");
    expect(many).toMatchObject({ count: 50, clustered: true, truncated: true });
    const total = many.features.reduce(
      (sum, feature) => sum + (feature.properties.cluster ? (feature.properties.pointCount as number) : 1),
      0,
    );
    expect(total).toBe(50);
    expect(many.featureCount).toBeLessThanOrEqual(16);
  });

  it("refuses an answer that is not a FeatureCollection", () => {
    expect(() => remoteLayer("budget_projects", { nope: true }, box, settings, "budget")).toThrow(
      LayerUnavailable,
    );
  });

  it("leaves a failing layer out and keeps the others", async () => {
    const { featureCollection, results } = await collectMap(["reports", "budget_projects"], async (layer) => {
      if (layer === "budget_projects") throw new LayerUnavailable(layer, "budget");
      return remoteLayer(layer, points(3), box, settings, "reports");
    });
    expect(featureCollection.features).toHaveLength(3);
    expect(results[1]).toBeInstanceOf(LayerUnavailable);
  });
});
