// The open-data endpoints over HTTP, on the demo data: the DCAT-AP catalogue, the Data Packages, and every dataset
// in every format it is offered in — each CSV validated against its Table Schema with the Frictionless library,
// JSON and GeoJSON against the same columns; ETag/Last-Modified with 304 answers; file names. A petition's published
// count is its ledger head's total, and that head is the one the petitions API serves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { DATASETS, datasetById, tableSchema } from "../../subgraphs/opendata/domain/catalog.ts";
import { formatsOf } from "../../subgraphs/opendata/domain/distributions.ts";
import { download, origin, parseCsv, tableSchemaErrors } from "./support.ts";

type JsonLd = Record<string, unknown>;

describe("open data over HTTP", () => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ seed: "demo", env: { OPENDATA_MIN_CELL_COUNT: "2" } });
    base = origin(platform.url);
  }, 300_000);
  afterAll(() => platform?.close());

  it("publishes a DCAT-AP catalogue with the required properties", async () => {
    const { status, headers, text } = await download(base, "/open-data/catalog");
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const catalog = JSON.parse(text) as JsonLd;
    expect(catalog["@type"]).toBe("dcat:Catalog");
    expect(catalog["@context"]).toMatchObject({
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
    });
    // DCAT-AP mandatory on the catalogue: title, description, publisher, datasets.
    for (const property of ["dct:title", "dct:description", "dct:publisher", "dcat:dataset"]) {
      expect(catalog[property], property).toBeTruthy();
    }
    const datasets = catalog["dcat:dataset"] as JsonLd[];
    expect(datasets.map((dataset) => dataset["dct:identifier"])).toEqual(
      DATASETS.map((dataset) => dataset.id),
    );
    for (const dataset of datasets) {
      // Mandatory on a dataset: title and description (French); on a distribution: its access URL.
      expect((dataset["dct:title"] as JsonLd)["@language"]).toBe("fr");
      expect(String((dataset["dct:description"] as JsonLd)["@value"]).length).toBeGreaterThan(20);
      expect((dataset["dct:license"] as JsonLd)["@id"]).toBe(
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
      );
      expect((dataset["dct:accrualPeriodicity"] as JsonLd)["@id"]).toMatch(
        /^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/(DAILY|WEEKLY|MONTHLY|IRREG)$/,
      );
      const definition = datasetById(String(dataset["dct:identifier"]));
      const distributions = dataset["dcat:distribution"] as JsonLd[];
      expect(distributions).toHaveLength(formatsOf(definition ?? DATASETS[0]!).length);
      for (const distribution of distributions) {
        const accessUrl = String((distribution["dcat:accessURL"] as JsonLd)["@id"]);
        expect(accessUrl.startsWith(platform.config.PUBLIC_BASE_URL)).toBe(true);
        expect(distribution["dct:format"]).toBeTruthy();
        expect(distribution["dcat:mediaType"]).toBeTruthy();
      }
    }
  });

  it("describes every dataset as a Frictionless Data Package", async () => {
    const all = JSON.parse((await download(base, "/open-data/datapackage.json")).text) as {
      profile: string;
      licenses: { name: string }[];
      resources: { name: string; schema: object; path: string }[];
    };
    expect(all.profile).toBe("tabular-data-package");
    expect(all.licenses[0]?.name).toBe("etalab-2.0");
    expect(all.resources.map((resource) => resource.name)).toEqual(DATASETS.map((dataset) => dataset.id));
    const one = await download(base, "/open-data/datasets/parvis_petitions/datapackage.json");
    expect(JSON.parse(one.text).resources[0].schema).toEqual(tableSchema(datasetById("parvis_petitions")!));
    expect((await download(base, "/open-data/datasets/nope/datapackage.json")).status).toBe(404);
  });

  it.each(DATASETS.map((dataset) => [dataset.id]))(
    "serves %s in every format, valid against its schema",
    async (id) => {
      const dataset = datasetById(id)!;
      const schema = tableSchema(dataset);
      const csv = await download(base, `/open-data/datasets/${id}.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
      expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="${id}.csv"`);
      expect(csv.text.endsWith("\r\n")).toBe(true);
      const { header, records } = parseCsv(csv.text);
      expect(await tableSchemaErrors(schema, header, records)).toEqual([]);

      const json = await download(base, `/open-data/datasets/${id}.json`);
      expect(json.status).toBe(200);
      expect(json.headers.get("content-disposition")).toBe(`attachment; filename="${id}.json"`);
      const rows = JSON.parse(json.text) as Record<string, unknown>[];
      expect(rows).toHaveLength(records.length);
      for (const row of rows) expect(Object.keys(row)).toEqual(header);
      // The same values in both files: the CSV is the JSON written as text.
      const asText = (value: unknown) => (value === null ? "" : String(value));
      expect(records).toEqual(rows.map((row) => header.map((name) => asText(row[name]))));

      const geojson = await download(base, `/open-data/datasets/${id}.geojson`);
      if (!dataset.geometry) {
        expect(geojson.status).toBe(404);
        return;
      }
      expect(geojson.status).toBe(200);
      expect(geojson.headers.get("content-type")).toMatch(/^application\/geo\+json/);
      const collection = JSON.parse(geojson.text) as {
        type: string;
        features: {
          geometry: { type: string; coordinates: number[] } | null;
          properties: Record<string, unknown>;
        }[];
      };
      expect(collection.type).toBe("FeatureCollection");
      expect(collection.features).toHaveLength(rows.length);
      for (const feature of collection.features) {
        if (!feature.geometry) continue;
        expect(feature.geometry.type).toBe("Point");
        expect(feature.geometry.coordinates).toEqual([
          feature.properties[dataset.geometry.lon],
          feature.properties[dataset.geometry.lat],
        ]);
      }
    },
  );

  it("has data in the demo datasets that hold some", async () => {
    for (const id of [
      "parvis_petitions",
      "parvis_budget_participatif_campagnes",
      "parvis_annuaire_organisations",
    ]) {
      const rows = JSON.parse((await download(base, `/open-data/datasets/${id}.json`)).text) as unknown[];
      expect(rows.length, id).toBeGreaterThan(0);
    }
  });

  it("publishes budget projects once staff found them admissible, never unreviewed or inadmissible ones", async () => {
    const rows = JSON.parse(
      (await download(base, "/open-data/datasets/parvis_budget_participatif_projets.json")).text,
    ) as { statut: string }[];
    expect(rows.length).toBeGreaterThan(0);
    const statuses = new Set(rows.map((row) => row.statut));
    expect(statuses.has("SUBMITTED")).toBe(false);
    expect(statuses.has("INADMISSIBLE")).toBe(false);
  });

  it("may be read by any site, conditional headers included (CORS)", async () => {
    const get = await fetch(`${base}/open-data/datasets/parvis_petitions.csv`, {
      headers: { origin: "https://data.strasbourg.eu" },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get("access-control-allow-origin")).toBe("*");
    expect(get.headers.get("access-control-expose-headers")).toContain("etag");
    const preflight = await fetch(`${base}/open-data/catalog`, {
      method: "OPTIONS",
      headers: {
        origin: "https://data.strasbourg.eu",
        "access-control-request-method": "GET",
        "access-control-request-headers": "if-none-match",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("if-none-match");
    // The GraphQL API keeps its allow-list.
    const api = await fetch(platform.url, {
      method: "OPTIONS",
      headers: { origin: "https://data.strasbourg.eu", "access-control-request-method": "POST" },
    });
    expect(api.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers conditional requests with 304", async () => {
    const first = await download(base, "/open-data/datasets/parvis_petitions.csv");
    const etag = first.headers.get("etag");
    const lastModified = first.headers.get("last-modified");
    expect(etag).toMatch(/^"[\w-]+-csv"$/);
    expect(lastModified).toBeTruthy();
    const again = await download(base, "/open-data/datasets/parvis_petitions.csv", {
      "if-none-match": etag!,
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    const since = await download(base, "/open-data/datasets/parvis_petitions.csv", {
      "if-modified-since": lastModified!,
    });
    expect(since.status).toBe(304);
    const stale = await download(base, "/open-data/datasets/parvis_petitions.csv", {
      "if-none-match": '"other-csv"',
    });
    expect(stale.status).toBe(200);
    // Another format of the same version is another representation: another ETag.
    const json = await download(base, "/open-data/datasets/parvis_petitions.json");
    expect(json.headers.get("etag")).not.toBe(etag);
    expect((await download(base, "/open-data/datasets/parvis_petitions.xml")).status).toBe(404);
    expect((await download(base, "/open-data/datasets/nope.csv")).status).toBe(404);
  });

  it("publishes each petition's count with its ledger head, the one the petitions API serves", async () => {
    const rows = JSON.parse(
      (await download(base, "/open-data/datasets/parvis_petitions.json")).text,
    ) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.signatures_total).toBe(row.registre_total);
      expect(row.signatures_total).toBe(Number(row.signatures_en_ligne) + Number(row.signatures_papier));
      const { body } = await platform.graphql<{
        petition: {
          signatureCount: number;
          ledger: { head: { size: number; total: number; rootHash: string } };
        };
      }>(`query($id: ID!) { petition(id: $id) { signatureCount ledger { head { size total rootHash } } } }`, {
        id: row.id,
      });
      const head = body.data?.petition?.ledger.head;
      expect(head).toEqual({
        size: row.registre_taille,
        total: row.registre_total,
        rootHash: row.registre_racine,
      });
      expect(body.data?.petition?.signatureCount).toBe(row.signatures_total);
    }
  });
});
