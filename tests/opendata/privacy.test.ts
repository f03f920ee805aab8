// No one identifiable in the open data: every dataset, generated from the demo data and downloaded in every format,
// is scanned for what would identify a person — account ids (and the MonStrasbourg.eu subjects behind them), the
// ledgers' per-subject pseudonyms, signers' public names, reporters' names, emails and phone numbers, text citizens
// wrote (petition bodies, budget project descriptions, report descriptions and addresses, comments, every free-text
// answer to a consultation — moderated and published ones too), and exact report locations; plus any email address
// or French phone number at all. The report aggregates are checked against the suppression threshold:
// every cell holds at least that many reports, and the cells are exactly those of the reports table that do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { DATASETS } from "../../subgraphs/opendata/domain/catalog.ts";
import { formatsOf } from "../../subgraphs/opendata/domain/distributions.ts";
import { download, origin } from "./support.ts";

const THRESHOLD = 5;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const FRENCH_PHONE = /(?:\+33\s?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b/;

describe("privacy of the open data", () => {
  let platform: TestPlatform;
  let files: Map<string, string>;

  beforeAll(async () => {
    platform = await startTestPlatform({ seed: "demo" });
    const base = origin(platform.url);
    files = new Map();
    for (const dataset of DATASETS) {
      for (const format of formatsOf(dataset)) {
        const { status, text } = await download(base, `/open-data/datasets/${dataset.id}.${format}`);
        expect(status).toBe(200);
        files.set(`${dataset.id}.${format}`, text);
      }
    }
  }, 300_000);
  afterAll(() => platform?.close());

  const column = async (sql: string) =>
    (await platform.db.query<{ value: string | null }>(sql))
      .map((row) => row.value)
      .filter((value): value is string => typeof value === "string" && value.trim().length >= 6);

  it("holds no account id, pseudonym, name, contact detail or citizen text", async () => {
    const secrets = new Map<string, string[]>([
      [
        "account ids",
        await column(`SELECT id::text AS value FROM identity.account
                      UNION SELECT account_id::text FROM petitions.signature
                      UNION SELECT author_account_id::text FROM petitions.petition
                      UNION SELECT account_id::text FROM participation.response
                      UNION SELECT account_id::text FROM participation.reaction
                      UNION SELECT reviewed_by_account_id::text FROM participation.text_review
                      UNION SELECT created_by_account_id::text FROM participation.consultation
                      UNION SELECT referrer_account_id::text FROM participation.observatory_referral`),
      ],
      ["account subjects", await column("SELECT subject AS value FROM identity.account")],
      // The per-petition and per-campaign pseudonyms of the ledgers' entries (heads are published, entries not).
      [
        "ledger pseudonyms",
        await column(`SELECT entry::jsonb->>'token' AS value FROM petitions.ledger_entry
                      UNION SELECT entry::jsonb->>'token' FROM budget.ledger_entry`),
      ],
      ["signers' public names", await column("SELECT public_name AS value FROM petitions.signature")],
      ["petition bodies", await column("SELECT body AS value FROM petitions.petition")],
      ["budget project descriptions", await column("SELECT description AS value FROM budget.project")],
      ["report descriptions", await column("SELECT description AS value FROM reports.report")],
      ["report addresses", await column("SELECT address AS value FROM reports.report")],
      ["report tracking tokens", await column("SELECT tracking_token AS value FROM reports.report")],
      [
        "reporters' contacts",
        await column(
          `SELECT unnest(ARRAY[first_name || ' ' || last_name, last_name, email, phone]) AS value
             FROM reports.report_contact`,
        ),
      ],
      ["comments", await column("SELECT body AS value FROM comments.comment").catch(() => [])],
      [
        "referrals to the Observatory",
        await column(
          `SELECT unnest(ARRAY[description, collective_name, mechanisms_tried]) AS value
             FROM participation.observatory_referral`,
        ),
      ],
      // Every free-text answer to a consultation, those moderators made visible with the results included.
      [
        "consultation text answers",
        await column(`SELECT answer->>'text' AS value
                        FROM participation.response, jsonb_array_elements(answers) AS answer`),
      ],
    ]);
    // The scan must have something to find: the demo data has people, texts and reports.
    for (const kind of [
      "account ids",
      "ledger pseudonyms",
      "petition bodies",
      "report descriptions",
      "consultation text answers",
    ])
      expect(secrets.get(kind)?.length, kind).toBeGreaterThan(0);
    // Among them, texts moderators published with the results (the consultation datasets leave out even those).
    const visible = await column(
      `SELECT answer->>'text' AS value FROM participation.text_review review
         JOIN participation.response response ON response.id = review.response_id
         CROSS JOIN jsonb_array_elements(response.answers) AS answer
        WHERE review.visible AND answer->>'questionId' = review.question_id::text`,
    );
    expect(visible.length).toBeGreaterThan(0);
    expect(files.get("parvis_consultations_resultats.csv")?.split("\r\n").length).toBeGreaterThan(2);
    for (const [name, text] of files) {
      for (const [kind, values] of secrets) {
        const leaked = values.find((value) => text.includes(value));
        expect(leaked, `${kind} in ${name}`).toBeUndefined();
      }
      expect(EMAIL.exec(text)?.[0], `an email address in ${name}`).toBeUndefined();
      expect(FRENCH_PHONE.exec(text)?.[0], `a phone number in ${name}`).toBeUndefined();
    }
  });

  it("gives no exact report location", async () => {
    const points = await platform.db.query<{ lat: number; lon: number }>(
      "SELECT lat, lon FROM reports.report",
    );
    expect(points.length).toBeGreaterThan(0);
    // Coordinates to four decimals (about 10 m) or more would place a report; none may appear anywhere.
    // A report's point is its latitude and longitude together (one alone also matches a place or project nearby).
    const coordinates = points.flatMap((point) => [
      `${point.lat.toFixed(4)}`.concat(",", point.lon.toFixed(4)),
      `"lat":${point.lat}`,
      `[${point.lon},${point.lat}]`,
    ]);
    for (const [name, text] of files) {
      const leaked = coordinates.find((value) => text.includes(value));
      expect(leaked, `a report coordinate in ${name}`).toBeUndefined();
    }
    // The report dataset has no location column at all.
    const header = (files.get("parvis_signalements_agreges.csv") ?? "").split("\r\n")[0];
    expect(header).toBe(
      "categorie,categorie_libelle,quartier,mois,statut,nombre,duree_mediane_resolution_heures",
    );
  });

  it("publishes only report cells of at least the threshold, and all of them", async () => {
    const cells = JSON.parse(files.get("parvis_signalements_agreges.json") ?? "[]") as {
      categorie: string;
      mois: string;
      statut: string;
      nombre: number;
    }[];
    for (const cell of cells) expect(cell.nombre).toBeGreaterThanOrEqual(THRESHOLD);
    // Counted here from the raw reports, independently of the subgraph's SQL.
    const raw = await platform.db.query<{
      code: string;
      quartier: string | null;
      month: string;
      status: string;
    }>(
      `SELECT c.code, r.quartier_id::text AS quartier, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, r.status
         FROM reports.report r JOIN reports.report_category c ON c.id = r.category_id`,
    );
    const counts = new Map<string, number>();
    for (const report of raw) {
      const key = `${report.code}|${report.quartier}|${report.month}|${report.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const expected = [...counts.values()].filter((count) => count >= THRESHOLD);
    expect(cells.map((cell) => cell.nombre).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    // The demo data has small cells: suppression really removed some.
    expect([...counts.values()].some((count) => count < THRESHOLD)).toBe(true);
  });
});
