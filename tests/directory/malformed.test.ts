// Malformed upstream records are logged, skipped and counted: one bad record never stops a synchronisation, and a
// record that turns malformed keeps its last good version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeDocuments } from "../../simulators/strasbourg-eu/fixtures.ts";
import { type DirectoryPlatform, startDirectoryPlatform } from "./support.ts";

const RUN = /* GraphQL */ `
  query Run($source: String!) { directorySyncRuns(source: $source, limit: 1) { status fetched malformed rejections } }
`;

describe("malformed upstream records", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
    await platform.sync();
  });
  afterAll(() => platform?.close());

  it("counts and skips malformed places and events, and applies the others", async () => {
    const [template] = placeDocuments();
    const {
      mercatorX: _x,
      mercatorY: _y,
      RGF93X: _a,
      RGF93Y: _b,
      ...noPosition
    } = template as Record<string, unknown>;
    platform.strasbourgEu.addRecord("places", {
      ...noPosition,
      id: "9901",
      name: { fr_FR: "Lieu sans position" },
    });
    platform.strasbourgEu.addRecord("places", {
      ...template,
      id: "9902",
      mercatorX: "1.5",
      mercatorY: "2.5",
    });
    platform.strasbourgEu.addRecord("places", { ...template, id: "9903", name: { fr_FR: "" } });
    platform.strasbourgEu.addRecord("places", "pas un objet");
    platform.strasbourgEu.addRecord("places", {
      ...template,
      id: "9904",
      name: { fr_FR: "Nouveau tiers-lieu" },
      types: ["Cat_15_01"],
    });
    platform.strasbourgEu.addRecord("events", { id: "9905", title: { fr_FR: "Sans dates" }, periods: [] });
    // A known place turns malformed: it is neither updated nor deleted.
    platform.strasbourgEu.updateRecord("places", "102", { mercatorX: "abc" });

    const runs = await platform.sync();
    expect(runs["strasbourg-eu:places"]).toMatchObject({
      status: "SUCCEEDED",
      fetched: 37,
      malformed: 5,
      created: 1,
      unchanged: 31,
      deleted: 0,
    });
    expect(runs["strasbourg-eu:events"]).toMatchObject({ status: "SUCCEEDED", malformed: 1, unchanged: 15 });

    const { body } = await platform.as("agent", RUN, { source: "strasbourg-eu:places" });
    const rejections = body.data?.directorySyncRuns[0].rejections as {
      sourceId: string | null;
      reason: string;
    }[];
    expect(rejections).toEqual(
      expect.arrayContaining([
        { sourceId: "9901", reason: expect.stringMatching(/coordonnées absentes/) },
        { sourceId: "9902", reason: expect.stringMatching(/hors de la région/) },
        { sourceId: "9903", reason: expect.stringMatching(/^name/) },
        { sourceId: null, reason: expect.any(String) },
        { sourceId: "102", reason: expect.stringMatching(/^mercatorX/) },
      ]),
    );
    // Never the content of a record in a rejection.
    expect(JSON.stringify(rejections)).not.toMatch(/Lieu sans position|Olympe/);

    const places = await platform.as(
      undefined,
      `{ a: places(filter: { search: "Nouveau tiers-lieu" }) { edges { node { kind } } }
      b: places(filter: { search: "Olympe de Gouges" }) { edges { node { removedFromSource location { lat } } } } }`,
    );
    expect(places.body.data?.a.edges).toEqual([{ node: { kind: "THIRD_PLACE" } }]);
    expect(places.body.data?.b.edges).toEqual([
      { node: { removedFromSource: false, location: { lat: 48.5857 } } },
    ]);
  });

  it("counts and skips malformed open-data boundaries", async () => {
    platform.openData.addRecord("quartiers_elus_2020", {
      code_quartier: "QE99",
      nom_quartier: "Quartier sans forme",
      geo_shape: {
        type: "Feature",
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [7.7, 48.5],
              [7.8, 48.5],
            ],
          ],
        },
      },
    });
    platform.openData.addRecord("quartiers_elus_2020", { nom_quartier: "Sans code" });
    const runs = await platform.sync();
    expect(runs["opendata:quartiers_elus_2020"]).toMatchObject({
      status: "SUCCEEDED",
      fetched: 13,
      malformed: 2,
      unchanged: 11,
    });
  });
});
