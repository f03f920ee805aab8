// Public lists of reports with the filters (bbox, near, status, category, quartier, since), Relay paging,
// GeoJSON for maps, and the internal map layer the directory merges — none of them ever carrying the reporter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CATHEDRAL,
  NEUDORF,
  POTHOLE,
  type ReportsPlatform,
  SCHILTIGHEIM,
  startReportsPlatform,
} from "./support.ts";

type Page = {
  reports: {
    totalCount: number;
    edges: { node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

describe("lists, filters and maps", () => {
  let platform: ReportsPlatform;
  const ids: Record<string, string> = {};
  let startedAt: string;

  beforeAll(async () => {
    platform = await startReportsPlatform();
    const resident = await platform.token("resident");
    const agent = await platform.token("agent");
    const submit = async (name: string, input: Record<string, unknown>) => {
      const { result } = await platform.submit(input, resident);
      ids[name] = (result.report as { id: string }).id;
    };
    await submit("old", { ...POTHOLE(CATHEDRAL), description: "Plus ancien" });
    startedAt = new Date().toISOString();
    await submit("neudorf", POTHOLE(NEUDORF));
    await submit("light", {
      categoryCode: "eclairage-public",
      location: SCHILTIGHEIM,
      description: "Éteint",
      attributes: [{ code: "type_panne", values: ["eteint"] }],
    });
    await submit("tag", {
      categoryCode: "tag-graffiti",
      location: CATHEDRAL,
      description: "Tag",
      attributes: [{ code: "support", values: ["mobilier"] }],
    });
    await platform.graphql(
      `mutation($input: ChangeReportStatusInput!) { changeReportStatus(input: $input) { __typename } }`,
      { input: { reportId: ids.old, status: "RESOLVED", note: "Réparé." } },
      { token: agent },
    );
  });
  afterAll(() => platform?.close());

  const list = async (filter: Record<string, unknown> = {}, first = 20, after?: string) => {
    const { body } = await platform.graphql<Page>(
      `query($filter: ReportFilter, $first: Int, $after: String) { reports(filter: $filter, first: $first, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { filter, first, after },
    );
    expect(body.errors).toBeUndefined();
    return body.data?.reports as Page["reports"];
  };
  const idsOf = (page: Page["reports"]) => page.edges.map((edge) => edge.node.id);

  it("lists newest first, in pages with opaque cursors", async () => {
    const all = await list();
    expect(idsOf(all)).toEqual([ids.tag, ids.light, ids.neudorf, ids.old]);
    expect(all.totalCount).toBe(4);
    const first = await list({}, 3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list({}, 3, first.pageInfo.endCursor);
    expect([...idsOf(first), ...idsOf(second)]).toEqual(idsOf(all));
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it("filters by status, category, date, box, distance and ids", async () => {
    expect(idsOf(await list({ status: ["RESOLVED"] }))).toEqual([ids.old]);
    expect(idsOf(await list({ category: ["eclairage-public", "tag-graffiti"] }))).toEqual([
      ids.tag,
      ids.light,
    ]);
    expect(idsOf(await list({ since: startedAt }))).toEqual([ids.tag, ids.light, ids.neudorf]);
    expect(idsOf(await list({ until: startedAt }))).toEqual([ids.old]);
    const centre = { west: 7.74, south: 48.575, east: 7.76, north: 48.59 };
    expect(idsOf(await list({ bbox: centre }))).toEqual([ids.tag, ids.old]);
    expect(idsOf(await list({ near: { ...CATHEDRAL, radiusMeters: 100 } }))).toEqual([ids.tag, ids.old]);
    expect(idsOf(await list({ near: { ...NEUDORF, radiusMeters: 3000 } }))).toEqual([
      ids.tag,
      ids.neudorf,
      ids.old,
    ]);
    expect(idsOf(await list({ ids: [ids.light, ids.old] }))).toEqual([ids.light, ids.old]);
    expect(
      idsOf(await list({ status: ["SUBMITTED"], category: ["chaussee-degradee"], near: { ...NEUDORF } })),
    ).toEqual([ids.neudorf]);
  });

  it("filters by quartier once the directory has located the reports", async () => {
    const { body } = await platform.graphql<{ report: { quartier: { id: string } | null } }>(
      `query($id: ID!) { report(id: $id) { quartier { id } } }`,
      { id: ids.neudorf },
    );
    const quartier = body.data?.report.quartier?.id;
    expect(quartier).toBeDefined();
    expect(idsOf(await list({ quartier }))).toEqual([ids.neudorf]);
  });

  it.each([
    ["an inverted box", { bbox: { west: 7.8, south: 48.5, east: 7.7, north: 48.6 } }],
    ["a box beyond WGS 84", { bbox: { west: 7.7, south: 48.5, east: 7.8, north: 91 } }],
    ["a box larger than a degree", { bbox: { west: 6, south: 48, east: 8, north: 49 } }],
    ["a radius beyond 5 km", { near: { ...CATHEDRAL, radiusMeters: 50_000 } }],
    ["a quartier id that is no id", { quartier: "neudorf" }],
  ])("refuses %s with BAD_USER_INPUT", async (_label, filter) => {
    const { body } = await platform.graphql(
      `query($filter: ReportFilter) { reports(filter: $filter) { totalCount } }`,
      { filter },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("gives maps a GeoJSON FeatureCollection without any reporter data", async () => {
    const { body } = await platform.graphql<{
      reportsGeoJson: {
        type: string;
        features: { id: string; geometry: unknown; properties: Record<string, unknown> }[];
      };
    }>(`query($filter: ReportFilter) { reportsGeoJson(filter: $filter) }`, {
      filter: { status: ["SUBMITTED"] },
    });
    const collection = body.data?.reportsGeoJson;
    expect(collection?.type).toBe("FeatureCollection");
    expect(collection?.features.map((feature) => feature.id)).toEqual([ids.tag, ids.light, ids.neudorf]);
    expect(collection?.features[2]).toMatchObject({
      type: "Feature",
      geometry: { type: "Point", coordinates: [NEUDORF.lon, NEUDORF.lat] },
      properties: {
        layer: "reports",
        status: "SUBMITTED",
        categoryCode: "chaussee-degradee",
        supportCount: 0,
      },
    });
    expect(JSON.stringify(collection)).not.toMatch(/reporter|contact|account|description/i);
  });

  it("serves the directory's map layer of open reports to the platform only", async () => {
    const layer = await platform.client.request<{ _reportMapFeatures: { features: { id: string }[] } }>(
      "reports",
      `query($w: Float!, $s: Float!, $e: Float!, $n: Float!) { _reportMapFeatures(west: $w, south: $s, east: $e, north: $n, limit: 10) }`,
      { w: 7.7, s: 48.55, e: 7.8, n: 48.62 },
    );
    expect(layer._reportMapFeatures.features.map((feature) => feature.id).sort()).toEqual(
      [ids.tag, ids.light, ids.neudorf].sort(),
    );
    const limited = await platform.client.request<{ _reportMapFeatures: { features: unknown[] } }>(
      "reports",
      `{ _reportMapFeatures(west: 7.7, south: 48.55, east: 7.8, north: 48.62, limit: 1) }`,
    );
    expect(limited._reportMapFeatures.features).toHaveLength(1);
    await expect(
      platform.client.request(
        "reports",
        `{ _reportMapFeatures(west: 7.8, south: 48.55, east: 7.7, north: 48.62, limit: 10) }`,
      ),
    ).rejects.toThrow(/BAD_USER_INPUT/);
    const publicCall = await platform.graphql(
      `{ _reportMapFeatures(west: 7.7, south: 48.55, east: 7.8, north: 48.62, limit: 10) }`,
    );
    expect(publicCall.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("lists the catalogue with its services and questions", async () => {
    const { body } = await platform.graphql<{
      reportCategories: { code: string; anonymousAllowed: boolean; responsibleService: { code: string } }[];
    }>(
      "{ reportCategories { code anonymousAllowed responsibleService { code } attributes { code datatype required order } } responsibleServices { code name } }",
    );
    expect(
      body.data?.reportCategories.map((category) => [
        category.code,
        category.responsibleService.code,
        category.anonymousAllowed,
      ]),
    ).toEqual([
      ["chaussee-degradee", "DMEPN", false],
      ["eclairage-public", "ECLAIRAGE", true],
      ["depot-sauvage", "PROPRETE", true],
      ["tag-graffiti", "PROPRETE", true],
      ["espaces-verts", "DMEPN", false],
      ["mobilier-urbain", "DMEPN", true],
      ["signalisation", "DMEPN", true],
    ]);
  });
});
