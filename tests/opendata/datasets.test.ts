// The open-data endpoints over HTTP, on the demo data: the DCAT-AP catalogue, the Data Packages, and every dataset
// in every format it is offered in — each CSV validated against its Table Schema with the Frictionless library,
// JSON and GeoJSON against the same columns; ETag/Last-Modified with 304 answers; file names. A petition's published
// count is its ledger head's total, and that head — as published in the file — verifies offline against the
// ledger's entries and the pinned signing key (as do the budget campaigns' ballot-ledger heads, from whose entries
// the published votes are recounted). Consultations: only those
// whose results staff published, with exactly the published counts, and none of their free-text answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { parseSigningKey, rawPublicKey } from "../../platform/ledger/signing.ts";
import { fetchLedger, verifyLedger } from "../../platform/ledger/verify.ts";
import { DATASETS, datasetById, tableSchema } from "../../subgraphs/opendata/domain/catalog.ts";
import { formatsOf } from "../../subgraphs/opendata/domain/distributions.ts";
import { CREATE_CONSULTATION, consultationInput, QUESTIONS } from "../participation/support.ts";
import { download, origin, parseCsv, STAFF, tableSchemaErrors } from "./support.ts";

type JsonLd = Record<string, unknown>;

describe("open data over HTTP", () => {
  let platform: TestPlatform;
  let base: string;
  /** The ledger's public key as a verifier pins it, from the platform's own configuration. */
  let pinnedKey: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ seed: "demo", env: { OPENDATA_MIN_CELL_COUNT: "2" } });
    base = origin(platform.url);
    pinnedKey = rawPublicKey(parseSigningKey(platform.config.LEDGER_SIGNING_KEY));
    // Besides the demo's consultation with published results, one still open: it must not be published.
    const created = await platform.client.request<{ createConsultation: { __typename: string } }>(
      "participation",
      CREATE_CONSULTATION,
      { input: consultationInput({ questionnaire: QUESTIONS }) },
      { caller: STAFF },
    );
    expect(created.createConsultation.__typename).toBe("ConsultationCreated");
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
    // DCAT-AP mandatory on the catalogue: title, description, publisher, datasets; on an agent: its name.
    for (const property of ["dct:title", "dct:description", "dct:publisher", "dcat:dataset"]) {
      expect(catalog[property], property).toBeTruthy();
    }
    expect((catalog["dct:publisher"] as JsonLd)["foaf:name"]).toBeTruthy();
    // Every compact IRI in the document uses a prefix its context declares (a typo would drop the property).
    const prefixes = new Set(Object.keys(catalog["@context"] as JsonLd));
    const undeclared = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const item of value) walk(item);
        return;
      }
      if (!value || typeof value !== "object") return;
      for (const [key, inner] of Object.entries(value)) {
        const prefix = key.startsWith("@") ? null : key.split(":")[0];
        if (prefix && !prefixes.has(prefix)) undeclared.add(key);
        if (key === "@type" && typeof inner === "string" && !prefixes.has(inner.split(":")[0] ?? ""))
          undeclared.add(inner);
        walk(inner);
      }
    };
    walk(catalog);
    expect([...undeclared]).toEqual([]);
    const datasets = catalog["dcat:dataset"] as JsonLd[];
    expect(datasets.map((dataset) => dataset["dct:identifier"])).toEqual(
      DATASETS.map((dataset) => dataset.id),
    );
    for (const dataset of datasets) {
      // Mandatory on a dataset: title and description (French); on a distribution: its access URL.
      expect((dataset["dct:title"] as JsonLd)["@language"]).toBe("fr");
      expect(String((dataset["dct:title"] as JsonLd)["@value"]).length).toBeGreaterThan(5);
      expect((dataset["dct:publisher"] as JsonLd)["foaf:name"]).toBeTruthy();
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
      // Streamed as it is written: chunked, no length known beforehand.
      expect(csv.headers.get("transfer-encoding")).toBe("chunked");
      expect(csv.headers.get("content-length")).toBeNull();
      const { header, records } = parseCsv(csv.text);
      expect(await tableSchemaErrors(schema, header, records)).toEqual([]);
      // The primary key identifies each row (tableschema checks rows one by one, not this).
      const keyColumns = schema.primaryKey.map((name) => header.indexOf(name));
      const keys = records.map((record) => JSON.stringify(keyColumns.map((column) => record[column])));
      expect(new Set(keys).size).toBe(keys.length);

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
      expect(geojson.headers.get("content-disposition")).toBe(`attachment; filename="${id}.geojson"`);
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
      // Each feature's properties are the dataset's row, its columns and values.
      expect(collection.features.map((feature) => feature.properties)).toEqual(rows);
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
      "parvis_consultations",
      "parvis_consultations_resultats",
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

  it("publishes the results of consultations staff published, as published, and no other consultation", async () => {
    const consultations = JSON.parse(
      (await download(base, "/open-data/datasets/parvis_consultations.json")).text,
    ) as Record<string, unknown>[];
    const results = JSON.parse(
      (await download(base, "/open-data/datasets/parvis_consultations_resultats.json")).text,
    ) as Record<string, unknown>[];
    // Every consultation the API lists, whatever its status: only those with published results are open data.
    const { body } = await platform.graphql<{
      consultations: { edges: { node: { id: string; status: string } }[] };
    }>("{ consultations(first: 100) { edges { node { id status } } } }");
    const listed = body.data?.consultations.edges.map((edge) => edge.node) ?? [];
    const published = listed.filter((item) => item.status === "RESULTS_PUBLISHED").map((item) => item.id);
    expect(published.length).toBeGreaterThan(0);
    expect(listed.length).toBeGreaterThan(published.length);
    expect(consultations.map((row) => row.id).sort()).toEqual([...published].sort());
    expect(new Set(results.map((row) => row.consultation_id))).toEqual(new Set(published));

    for (const id of published) {
      const { body: one } = await platform.graphql<{
        consultation: {
          title: string;
          synthesis: string;
          cityAnswer: string;
          results: {
            responseCount: number;
            questions: {
              questionId: string;
              kind: string;
              answered: number;
              mean: number | null;
              texts: string[];
              options: { optionId: string; count: number; score: number | null; meanRank: number | null }[];
              distribution: { value: number; count: number }[];
            }[];
          };
        };
      }>(
        `query($id: ID!) { consultation(id: $id) { title synthesis cityAnswer results { responseCount questions {
            questionId kind answered mean texts options { optionId count score meanRank } distribution { value count }
          } } } }`,
        { id },
      );
      const consultation = one.data?.consultation;
      expect(consultations.find((row) => row.id === id)).toMatchObject({
        titre: consultation?.title,
        synthese: consultation?.synthesis,
        reponse_ville: consultation?.cityAnswer,
        reponses: consultation?.results.responseCount,
        questions: consultation?.results.questions.length,
      });
      // Each count, score, mean rank and scale value is the published one; free texts only as a number of answers.
      const expected = (consultation?.results.questions ?? []).flatMap(
        (question, index): Record<string, unknown>[] => {
          const common = {
            consultation_id: id,
            question_id: question.questionId,
            question_rang: index + 1,
            question_nature: question.kind,
            repondants: question.answered,
          };
          if (question.kind.endsWith("_TEXT"))
            return [
              { ...common, id: `${question.questionId}:texte`, nombre: null, option_id: null, valeur: null },
            ];
          return [
            ...question.options.map((option) => ({
              ...common,
              id: `${question.questionId}:option:${option.optionId}`,
              option_id: option.optionId,
              nombre: option.count,
              score_borda: option.score,
              rang_moyen: option.meanRank,
            })),
            ...question.distribution.map((value) => ({
              ...common,
              id: `${question.questionId}:valeur:${value.value}`,
              valeur: value.value,
              nombre: value.count,
              moyenne: question.mean,
            })),
          ];
        },
      );
      const rows = results.filter((row) => row.consultation_id === id);
      expect(rows).toHaveLength(expected.length);
      for (const [index, row] of rows.entries()) expect(row).toMatchObject(expected[index] ?? {});
      // The demo consultation has every kind of result: option counts, Borda scores, a scale, free texts.
      const kinds = new Set(rows.map((row) => row.question_nature));
      for (const kind of ["SINGLE_CHOICE", "RANKING", "SCALE", "LONG_TEXT"])
        expect(kinds.has(kind), kind).toBe(true);
      expect(rows.some((row) => typeof row.score_borda === "number" && row.score_borda > 0)).toBe(true);
      // Texts moderators made visible are on the consultation's page, never in the open data.
      const visible = (consultation?.results.questions ?? []).flatMap((question) => question.texts);
      expect(visible.length).toBeGreaterThan(0);
      const files = [
        (await download(base, "/open-data/datasets/parvis_consultations.csv")).text,
        (await download(base, "/open-data/datasets/parvis_consultations_resultats.csv")).text,
        JSON.stringify(results),
      ];
      for (const text of visible) for (const file of files) expect(file.includes(text), text).toBe(false);
    }
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
      // Trusting nothing the server computed: the head as published in the dataset, checked offline against the
      // ledger's entries (root recomputed, deltas added up) and the platform's pinned signing key.
      const ledger = await fetchLedger({ url: platform.url, path: `petition(id: "${row.id}").ledger` });
      const report = verifyLedger(
        {
          ...ledger,
          head: {
            logId: String(row.registre_id),
            size: Number(row.registre_taille),
            total: Number(row.registre_total),
            rootHash: String(row.registre_racine),
            timestamp: (row.registre_horodatage as string | null) ?? null,
            signature: String(row.registre_signature),
            keyId: String(row.registre_cle),
          },
        },
        { publicKey: pinnedKey },
      );
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      expect(report.total).toBe(row.signatures_total);
    }
  });

  it("publishes each budget campaign's ballot-ledger head, verifiable offline, and votes recounted from it", async () => {
    const rows = JSON.parse(
      (await download(base, "/open-data/datasets/parvis_budget_participatif_campagnes.json")).text,
    ) as Record<string, unknown>[];
    const projects = JSON.parse(
      (await download(base, "/open-data/datasets/parvis_budget_participatif_projets.json")).text,
    ) as Record<string, unknown>[];
    let recountedCampaigns = 0;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const ledger = await fetchLedger({
        url: platform.url,
        path: `budgetCampaign(id: "${row.id}").ballotLedger`,
      });
      const report = verifyLedger(
        {
          ...ledger,
          head: {
            logId: String(row.registre_id),
            size: Number(row.registre_taille),
            total: ledger.head.total,
            rootHash: String(row.registre_racine),
            timestamp: (row.registre_horodatage as string | null) ?? null,
            signature: String(row.registre_signature),
            keyId: String(row.registre_cle),
          },
        },
        { publicKey: pinnedKey },
      );
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      if (!row.resultats_publies_le) continue;
      // Results recomputed from the published entries: each ballot token's last entry is its selection.
      const latest = new Map<string, { revision: number; projectIds: string[] }>();
      for (const text of ledger.entries) {
        const entry = JSON.parse(text) as { token: string; data: { projectIds: string[]; revision: number } };
        const known = latest.get(entry.token);
        if (!known || entry.data.revision > known.revision) latest.set(entry.token, entry.data);
      }
      const recounted = new Map<string, number>();
      for (const ballot of latest.values())
        for (const id of ballot.projectIds) recounted.set(id, (recounted.get(id) ?? 0) + 1);
      const onBallot = projects.filter((project) => project.campagne_id === row.id && project.voix !== null);
      expect(onBallot.length).toBeGreaterThan(0);
      expect(latest.size).toBe(row.bulletins);
      for (const project of onBallot)
        expect(project.voix, String(project.id)).toBe(recounted.get(String(project.id)) ?? 0);
      recountedCampaigns++;
    }
    // The demo has a campaign whose results are published (240 ballots).
    expect(recountedCampaigns).toBeGreaterThan(0);
  });
});
