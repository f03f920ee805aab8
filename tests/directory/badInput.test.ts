// Bad input gets clear, typed errors: inverted or too large bounding boxes, coordinates out of range, radius too
// large, depth beyond the limit, forged ids and cursors. The rest of the request is still answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DirectoryPlatform, errorsOf, startDirectoryPlatform } from "./support.ts";

const MAP = `query($bbox: BoundingBox!) { mapFeatures(bbox: $bbox, layers: [PLACES]) { layers { count } } }`;
const PLACES = `query($bbox: BoundingBox, $near: NearInput) { places(bbox: $bbox, near: $near) { totalCount } }`;

describe("bad input", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
  });
  afterAll(() => platform?.close());

  const refused = async (
    query: string,
    variables: Record<string, unknown>,
    path: string,
    message: RegExp,
  ) => {
    const { status, body } = await platform.as(undefined, query, variables);
    expect(status).toBe(200);
    expect(errorsOf(body)).toEqual([{ code: "BAD_USER_INPUT", path }]);
    expect(body.errors?.[0]?.message).toMatch(message);
  };

  it("refuses inverted bounding boxes", async () => {
    await refused(
      MAP,
      { bbox: { west: 7.8, south: 48.55, east: 7.7, north: 48.6 } },
      "mapFeatures",
      /inversé.*ouest/,
    );
    await refused(
      MAP,
      { bbox: { west: 7.7, south: 48.6, east: 7.8, north: 48.55 } },
      "mapFeatures",
      /inversé.*sud/,
    );
    await refused(PLACES, { bbox: { west: 7.8, south: 48.55, east: 7.7, north: 48.6 } }, "places", /inversé/);
  });

  it("refuses bounding boxes too large or out of range", async () => {
    await refused(MAP, { bbox: { west: 7, south: 48, east: 8.5, north: 49 } }, "mapFeatures", /trop grand/);
    await refused(
      MAP,
      { bbox: { west: 7.7, south: 48.5, east: 7.8, north: 95 } },
      "mapFeatures",
      /Latitude hors limites/,
    );
    await refused(
      MAP,
      { bbox: { west: -190, south: 48.5, east: 7.8, north: 48.6 } },
      "mapFeatures",
      /Longitude hors limites/,
    );
  });

  it("refuses circles too large or centred out of range", async () => {
    await refused(PLACES, { near: { lat: 48.58, lon: 7.75, radiusMeters: 500_000 } }, "places", /rayon/);
    await refused(PLACES, { near: { lat: 148.58, lon: 7.75 } }, "places", /Latitude/);
  });

  it("refuses forged ids and cursors", async () => {
    await refused(`{ organization(id: "42") { id } }`, {}, "organization", /Identifiant invalide/);
    await refused(`{ places(first: 5, after: "bm9wZQ") { totalCount } }`, {}, "places", /Curseur/);
    await refused(`{ organizations(first: 500) { totalCount } }`, {}, "organizations", /100/);
  });

  it("answers the rest of a request whose one field is refused", async () => {
    const { body } = await platform.as(
      undefined,
      `{ ok: quartierAt(lat: 48.58, lon: 7.75) { slug } bad: communeAt(lat: 100, lon: 7.75) { name } }`,
    );
    expect(body.data).toEqual({ ok: { slug: "centre" }, bad: null });
    expect(errorsOf(body)).toEqual([{ code: "BAD_USER_INPUT", path: "bad" }]);
  });
});
