// The open-data portal simulator answers the Explore API v2.1 records endpoint with its pagination rules and error
// format, and serves the demo boundaries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COMMUNES_DATASET,
  type OpenDataSimulator,
  QUARTIERS_DATASET,
  startOpenDataSimulator,
} from "./index.ts";

describe("open-data portal simulator", () => {
  let sim: OpenDataSimulator;
  beforeAll(async () => {
    sim = await startOpenDataSimulator();
  });
  afterAll(() => sim?.close());

  const records = (dataset: string, query: string) =>
    fetch(`${sim.url}/api/explore/v2.1/catalog/datasets/${dataset}/records?${query}`);

  it("serves the neighbourhood boundaries, paginated", async () => {
    const first = (await (await records(QUARTIERS_DATASET, "limit=5")).json()) as {
      total_count: number;
      results: unknown[];
    };
    expect(first.total_count).toBe(11);
    expect(first.results).toHaveLength(5);
    expect(first.results[0]).toMatchObject({
      code_quartier: expect.stringMatching(/^QE\d\d$/),
      nom_quartier: expect.any(String),
      geo_point_2d: { lon: expect.any(Number), lat: expect.any(Number) },
      geo_shape: { type: "Feature", geometry: { type: "Polygon" } },
    });
    const last = (await (await records(QUARTIERS_DATASET, "limit=5&offset=10")).json()) as {
      results: unknown[];
    };
    expect(last.results).toHaveLength(1);
    const communes = (await (
      await records(COMMUNES_DATASET, "limit=100&select=code_insee,nom_commune")
    ).json()) as {
      results: Record<string, unknown>[];
    };
    expect(communes.results).toHaveLength(33);
    expect(Object.keys(communes.results[0] ?? {})).toEqual(["code_insee", "nom_commune"]);
  });

  it("answers errors the way the API does", async () => {
    const tooMany = await records(QUARTIERS_DATASET, "limit=200");
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error_code: "InvalidRESTParameterError" });
    const window = await records(QUARTIERS_DATASET, "limit=100&offset=9950");
    expect(window.status).toBe(400);
    const unknown = await records("nope", "limit=1");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error_code: "DatasetNotFound" });
    sim.setFaults({ down: true });
    expect((await records(QUARTIERS_DATASET, "limit=1")).status).toBe(503);
    sim.setFaults({ down: false });
  });
});
