// quartierAt / communeAt by point in polygon (the lookups the reports and budget subgraphs call), for points inside,
// on an edge and outside; boundaries synchronised from the open-data portal with their provenance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUARTIERS } from "../../data/directory.ts";
import { demoGeography } from "../../data/geography.ts";
import type { Position } from "../../subgraphs/directory/domain/geometry.ts";
import { type DirectoryPlatform, errorsOf, startDirectoryPlatform } from "./support.ts";

const AT = /* GraphQL */ `
  query At($lat: Float!, $lon: Float!) {
    quartierAt(lat: $lat, lon: $lon) { slug commune { inseeCode } }
    communeAt(lat: $lat, lon: $lon) { inseeCode name }
  }
`;

/** An edge shared by two quartiers of the demo tiling, and its midpoint. */
function sharedEdge(): { slugs: [string, string]; lat: number; lon: number } {
  const polygons = [...demoGeography().quartiers];
  const key = (a: Position, b: Position) => `${a.join(",")}|${b.join(",")}`;
  const owners = new Map<string, string>();
  for (const [slug, polygon] of polygons) {
    const ring = polygon.coordinates[0] as Position[];
    for (let i = 0; i < ring.length - 1; i++)
      owners.set(key(ring[i] as Position, ring[i + 1] as Position), slug);
  }
  for (const [slug, polygon] of polygons) {
    const ring = polygon.coordinates[0] as Position[];
    for (let i = 0; i < ring.length - 1; i++) {
      const [a, b] = [ring[i] as Position, ring[i + 1] as Position];
      const other = owners.get(key(b, a));
      if (other && other !== slug) {
        return {
          slugs: [slug, other].sort() as [string, string],
          lat: (a[1] + b[1]) / 2,
          lon: (a[0] + b[0]) / 2,
        };
      }
    }
  }
  throw new Error("no shared edge");
}

describe("point in polygon", () => {
  let platform: DirectoryPlatform;
  beforeAll(async () => {
    platform = await startDirectoryPlatform();
  });
  afterAll(() => platform?.close());

  const at = async (lat: number, lon: number) => {
    const { body } = await platform.as(undefined, AT, { lat, lon });
    expect(body.errors).toBeUndefined();
    return body.data as { quartierAt: { slug: string } | null; communeAt: { inseeCode: string } | null };
  };

  it("finds the quartier and the commune of points inside", async () => {
    for (const quartier of QUARTIERS) {
      const found = await at(quartier.centroidLat, quartier.centroidLon);
      expect(found.quartierAt?.slug).toBe(quartier.slug);
      expect(found.communeAt?.inseeCode).toBe("67482");
    }
    // The cathedral is in the Centre; Schiltigheim's town hall is in Schiltigheim, in no quartier of Strasbourg.
    expect((await at(48.5818, 7.751)).quartierAt?.slug).toBe("centre");
    expect(await at(48.6072, 7.7497)).toEqual({
      quartierAt: null,
      communeAt: { inseeCode: "67447", name: "Schiltigheim" },
    });
  });

  it("gives a point on the border of two quartiers to the one whose slug comes first, every time", async () => {
    const edge = sharedEdge();
    for (let i = 0; i < 3; i++) expect((await at(edge.lat, edge.lon)).quartierAt?.slug).toBe(edge.slugs[0]);
    // A vertex of a quartier is in it too (boundary included).
    const meinau = demoGeography().quartiers.get("meinau");
    if (!meinau) throw new Error("no demo boundary for the Meinau");
    const [lon, lat] = (meinau.coordinates[0] as Position[])[0] as Position;
    expect((await at(lat, lon)).quartierAt).not.toBeNull();
  });

  it("counts the outer edge of the Eurométropole as inside, and finds nothing outside", async () => {
    const boundary = demoGeography().communes.get("67519")?.coordinates as Position[][];
    const ring = boundary[0] as Position[];
    // The easternmost edge of La Wantzenau is on the outline of the Eurométropole.
    let best = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      if (
        (ring[i] as Position)[0] + (ring[i + 1] as Position)[0] >
        (ring[best] as Position)[0] + (ring[best + 1] as Position)[0]
      )
        best = i;
    }
    const [a, b] = [ring[best] as Position, ring[best + 1] as Position];
    expect((await at((a[1] + b[1]) / 2, (a[0] + b[0]) / 2)).communeAt?.inseeCode).toBe("67519");
    // Kehl (Germany), across the Rhine, and Paris.
    expect(await at(48.5727, 7.815)).toEqual({ quartierAt: null, communeAt: null });
    expect(await at(48.8534, 2.3488)).toEqual({ quartierAt: null, communeAt: null });
  });

  it("refuses coordinates out of range", async () => {
    for (const [lat, lon] of [
      [91, 7.75],
      [-90.5, 7.75],
      [48.58, 181],
      [48.58, -200],
    ]) {
      const { body } = await platform.as(
        undefined,
        `query($lat: Float!, $lon: Float!) { quartierAt(lat: $lat, lon: $lon) { id } }`,
        { lat, lon },
      );
      expect(errorsOf(body)).toEqual([{ code: "BAD_USER_INPUT", path: "quartierAt" }]);
      expect(body.errors?.[0]?.message).toMatch(/(Latitude|Longitude) hors limites/);
    }
  });

  it("takes the boundaries from the open-data portal, with their provenance", async () => {
    const query = `{ quartiers(first: 20) { edges { node { slug boundaryProvenance { source sourceId fetchedAt } boundary } } } }`;
    const before = (await platform.as(undefined, query)).body.data?.quartiers.edges;
    expect(before[0].node.boundaryProvenance).toMatchObject({ source: "seed:demo", sourceId: null });
    const runs = await platform.sync();
    expect(runs["opendata:quartiers_elus_2020"]).toMatchObject({
      status: "SUCCEEDED",
      fetched: 11,
      updated: 11,
    });
    expect(runs["opendata:communes_eurometropole"]).toMatchObject({
      status: "SUCCEEDED",
      fetched: 33,
      updated: 33,
    });
    const after = (await platform.as(undefined, query)).body.data?.quartiers.edges;
    const neudorf = after.find((edge: { node: { slug: string } }) => edge.node.slug.startsWith("neudorf"));
    expect(neudorf.node.boundaryProvenance).toMatchObject({
      source: "opendata:quartiers_elus_2020",
      sourceId: "QE09",
    });
    expect(neudorf.node.boundary.type).toBe("Polygon");
    // Still the same answers after the synchronisation.
    expect((await at(48.5667, 7.7668)).quartierAt?.slug).toBe("neudorf-schluthfeld-port-du-rhin-musau");
  });
});
