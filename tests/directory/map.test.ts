// A map front-end gets every layer of a bounding box in one query: the directory's places, initiatives and
// quartier boundaries, and through federation the open reports and budget projects — clustered server-side when a
// layer is too dense, and with a failing or missing layer left out and reported on its own path.
import { HeaderMap } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALLER_HEADER, SYSTEM, signInProcessCall } from "../../platform/caller.ts";
import { newId } from "../../platform/ids.ts";
import { InternalCallError, type InternalClient } from "../../platform/internalClient.ts";
import { createSubgraphServer } from "../../platform/subgraphServer.ts";
import { loadSubgraphModules } from "../../subgraphs/registry.ts";

const SUBGRAPHS = await loadSubgraphModules();
const subgraphByName = (name: string) => SUBGRAPHS.find((module) => module.name === name);

import { type DirectoryPlatform, errorsOf, startDirectoryPlatform } from "./support.ts";

const MAP = /* GraphQL */ `
  query Map($bbox: BoundingBox!, $layers: [MapLayer!]!) {
    mapFeatures(bbox: $bbox, layers: $layers) {
      featureCollection
      layers { layer count featureCount clustered truncated }
    }
  }
`;

const STRASBOURG = { west: 7.68, south: 48.52, east: 7.84, north: 48.63 };

interface Feature {
  type: string;
  geometry: { type: string; coordinates: unknown };
  properties: { layer: string; cluster?: boolean; pointCount?: number; [key: string]: unknown };
}

const layersOf = (features: Feature[]) => new Set(features.map((feature) => feature.properties.layer));

describe("the map of a bounding box", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
    await platform.sync();
  });
  afterAll(() => platform?.close());

  it("returns every layer in one FeatureCollection, and the layers of other subgraphs when they answer", async () => {
    const layers = ["PLACES", "INITIATIVES", "QUARTIERS", "REPORTS", "BUDGET_PROJECTS"];
    const { status, body } = await platform.as(undefined, MAP, { bbox: STRASBOURG, layers });
    expect(status).toBe(200);
    const map = body.data?.mapFeatures;
    const collection = map.featureCollection as { type: string; features: Feature[] };
    expect(collection.type).toBe("FeatureCollection");
    for (const layer of ["places", "initiatives", "quartiers"])
      expect(layersOf(collection.features).has(layer)).toBe(true);
    expect(map.layers[0]).toMatchObject({ layer: "PLACES", clustered: false });
    expect(map.layers[0].count).toBeGreaterThanOrEqual(30); // Strasbourg.eu places plus those created in Parvis
    expect(map.layers[2]).toMatchObject({ layer: "QUARTIERS", count: 11, featureCount: 11 });
    const quartier = collection.features.find((feature) => feature.properties.layer === "quartiers");
    expect(quartier?.geometry.type).toBe("Polygon");
    const place = collection.features.find((feature) => feature.properties.layer === "places");
    expect(place).toMatchObject({
      geometry: { type: "Point" },
      properties: { id: expect.any(String), name: expect.any(String) },
    });

    // Reports and budget are other engineers' subgraphs: each layer is merged when its subgraph runs, and otherwise
    // left out with UPSTREAM_UNAVAILABLE on its own path — never a failed request.
    const errors = errorsOf(body);
    for (const [index, name] of [
      [3, "reports"],
      [4, "budget"],
    ] as const) {
      if (subgraphByName(name)) {
        expect(map.layers[index]).toMatchObject({ layer: layers[index] });
        expect(errors.filter((error) => error.path === `mapFeatures.layers.${index}`)).toEqual([]);
      } else {
        expect(map.layers[index]).toBeNull();
        expect(errors).toContainEqual({ code: "UPSTREAM_UNAVAILABLE", path: `mapFeatures.layers.${index}` });
      }
    }
  });

  it("only asks for the layers requested", async () => {
    const { body } = await platform.as(undefined, MAP, { bbox: STRASBOURG, layers: ["INITIATIVES"] });
    const features = body.data?.mapFeatures.featureCollection.features as Feature[];
    expect(layersOf(features)).toEqual(new Set(["initiatives"]));
    expect(body.data?.mapFeatures.layers).toHaveLength(1);
  });

  it("clusters a dense layer in the database, losing no point", async () => {
    // 450 places created directly in a small area of the Neudorf.
    const rows = Array.from({ length: 450 }, (_, i) => ({
      id: newId(),
      name: `Point de test ${i}`,
      kind: "other",
      lat: 48.56 + (i % 30) * 0.0006,
      lon: 7.75 + Math.floor(i / 30) * 0.0009,
      source: "test",
      sourceId: `dense-${i}`,
    }));
    await platform.db.prisma.place.createMany({ data: rows });
    try {
      const box = { west: 7.74, south: 48.55, east: 7.78, north: 48.58 };
      const { body } = await platform.as(undefined, MAP, { bbox: box, layers: ["PLACES"] });
      const summary = body.data?.mapFeatures.layers[0];
      const features = body.data?.mapFeatures.featureCollection.features as Feature[];
      expect(summary.clustered).toBe(true);
      expect(summary.count).toBeGreaterThan(450);
      expect(features.length).toBe(summary.featureCount);
      expect(features.length).toBeLessThanOrEqual(12 * 12);
      const clusters = features.filter((feature) => feature.properties.cluster);
      expect(clusters.length).toBeGreaterThan(0);
      const total = features.reduce((sum, feature) => sum + (feature.properties.pointCount ?? 1), 0);
      expect(total).toBe(summary.count);
    } finally {
      await platform.db.prisma.place.deleteMany({ where: { source: "test" } });
    }
  });
});

describe("the merge of other subgraphs' layers", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
  });
  afterAll(() => platform?.close());

  /** A directory server whose internal client answers for reports and fails for budget. */
  async function directoryWith(internal: InternalClient) {
    const module = SUBGRAPHS.find((candidate) => candidate.name === "directory");
    if (!module) throw new Error("directory is not registered");
    return createSubgraphServer(module, {
      config: platform.config,
      log: platform.log,
      db: platform.db,
      cache: platform.cache,
      internal,
    });
  }

  it("merges a remote layer, clusters it when dense, and reports a failing one on its path", async () => {
    const asked: { subgraph: string; variables: unknown }[] = [];
    const reports = Array.from({ length: 260 }, (_, i) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [7.7 + (i % 20) * 0.005, 48.55 + Math.floor(i / 20) * 0.004] },
      properties: { id: `r${i}`, status: "open" },
    }));
    const server = await directoryWith({
      personalDataHolders: [],
      async request<T>(subgraph: string, _query: string, variables?: Record<string, unknown>) {
        asked.push({ subgraph, variables });
        if (subgraph === "reports") return { layer: { type: "FeatureCollection", features: reports } } as T;
        throw new InternalCallError(subgraph, ["UNAVAILABLE"], `${subgraph} does not run in this process`);
      },
    });
    try {
      const request = {
        query: MAP,
        variables: { bbox: STRASBOURG, layers: ["REPORTS", "BUDGET_PROJECTS", "QUARTIERS"] },
      };
      const headers = new HeaderMap();
      headers.set(
        CALLER_HEADER,
        signInProcessCall(SYSTEM, platform.config.CALLER_SIGNING_SECRET, server.name, request),
      );
      const response = await server.executeInProcess(request, headers);
      const body = JSON.parse(response.body);
      expect(asked.map((call) => call.subgraph).sort()).toEqual(["budget", "reports"]);
      expect(asked[0]?.variables).toMatchObject({
        west: 7.68,
        south: 48.52,
        east: 7.84,
        north: 48.63,
        limit: 2000,
      });
      const [reportLayer, budgetLayer, quartierLayer] = body.data.mapFeatures.layers;
      expect(reportLayer).toMatchObject({ layer: "REPORTS", count: 260, clustered: true, truncated: false });
      expect(budgetLayer).toBeNull();
      expect(quartierLayer).toMatchObject({ layer: "QUARTIERS", count: 11 });
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({
        path: ["mapFeatures", "layers", 1],
        extensions: {
          code: "UPSTREAM_UNAVAILABLE",
          layer: "BUDGET_PROJECTS",
          upstream: "budget",
          subgraph: "budget",
        },
      });
      const features = body.data.mapFeatures.featureCollection.features as Feature[];
      const reportPoints = features
        .filter((feature) => feature.properties.layer === "reports")
        .reduce((sum, feature) => sum + (feature.properties.pointCount ?? 1), 0);
      expect(reportPoints).toBe(260);
      expect(layersOf(features)).toEqual(new Set(["reports", "quartiers"]));
    } finally {
      await server.apollo.stop();
    }
  });
});
