// The projects layer of the map (issue 20): `mapFeatures(layers: [PROJECTS])` asks the participation subgraph
// (`_participationMapFeatures`, system caller) for the city's projects with a place in the rectangle — one point at
// each project's first place — merged by the directory with the other layers, through the gateway, on both backends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { CREATE_PROJECT, type Data, projectInput } from "./support.ts";

const MAP = /* GraphQL */ `
  query Map($bbox: BoundingBox!, $layers: [MapLayer!]!) {
    mapFeatures(bbox: $bbox, layers: $layers) {
      featureCollection
      layers { layer count featureCount clustered truncated }
    }
  }
`;

const STRASBOURG = { west: 7.68, south: 48.52, east: 7.84, north: 48.63 };

describe("the map's projects layer", () => {
  let platform: SignedInPlatform;
  let agent = "";
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startSignedInPlatform();
    agent = await platform.token("agent");
    const create = async (label: string, overrides: Record<string, unknown>) => {
      const { body } = await platform.graphql<Data>(
        CREATE_PROJECT,
        { input: projectInput(overrides) },
        { token: agent },
      );
      ids[label] = body.data?.createProject.project.id;
    };
    await create("centre", {
      title: "Place du Marché-Neuf",
      places: [
        { name: "Place du Marché-Neuf", lat: 48.5816, lon: 7.7489 },
        { name: "Rue des Hallebardes", lat: 48.5822, lon: 7.7478 },
      ],
    });
    await create("elsewhere", {
      title: "Piste cyclable de Molsheim",
      places: [{ name: "Molsheim", lat: 48.5417, lon: 7.4922 }],
    });
    await create("nowhere", { title: "Charte de la participation", places: [] });
    expect(Object.values(ids).filter(Boolean)).toHaveLength(3);
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
  });

  it("shows the projects with a place in the rectangle, at their first place, beside the other layers", async () => {
    const { body } = await platform.graphql<Data>(MAP, {
      bbox: STRASBOURG,
      layers: ["PROJECTS", "QUARTIERS"],
    });
    expect(body.errors).toBeUndefined();
    const map = body.data?.mapFeatures;
    expect(map.layers[0]).toMatchObject({ layer: "PROJECTS", count: 1, featureCount: 1, clustered: false });
    expect(map.layers[1]).toMatchObject({ layer: "QUARTIERS" });
    const projects = (map.featureCollection.features as Data[]).filter(
      (feature) => feature.properties.layer === "projects",
    );
    expect(projects).toEqual([
      expect.objectContaining({
        geometry: { type: "Point", coordinates: [7.7489, 48.5816] },
        properties: expect.objectContaining({
          id: ids.centre,
          title: "Place du Marché-Neuf",
          place: "Place du Marché-Neuf",
        }),
      }),
    ]);
    // Molsheim is outside the rectangle; a project without a place is on no map.
    const all = JSON.stringify(map.featureCollection);
    expect(all).not.toContain(ids.elsewhere);
    expect(all).not.toContain(ids.nowhere);
  });

  it("finds a project further out when the rectangle covers it", async () => {
    const { body } = await platform.graphql<Data>(MAP, {
      bbox: { west: 7.45, south: 48.5, east: 7.55, north: 48.6 },
      layers: ["PROJECTS"],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.mapFeatures.layers[0]).toMatchObject({ layer: "PROJECTS", count: 1 });
    expect(body.data?.mapFeatures.featureCollection.features[0].properties.id).toBe(ids.elsewhere);
  });
});
