// Benchmark (not a test): the report queries that grow with the number of reports — duplicate proposals, "near"
// and bounding-box lists with their total, the map layer — on 20,000 reports spread over the Eurométropole, and
// the photo sanitiser on a 12-megapixel JPEG. Prints medians. PGlite in memory by default; PostgreSQL with DATABASE_URL
// (a scratch database is created and dropped on that server).
//   node_modules/.bin/node bench/reportQueries.ts [reports]
import { randomBytes } from "node:crypto";
import pg from "pg";
import { testJpeg } from "../harness/testImages.ts";
import { loadConfig } from "../platform/config.ts";
import { type Database, openDatabase } from "../platform/db/database.ts";
import { createLogger } from "../platform/logger.ts";
import { applyMigrations } from "../prisma/migrations.ts";
import { prismaReportStore } from "../subgraphs/reports/adapters/prismaReportStore.ts";
import { OPEN_STATUSES } from "../subgraphs/reports/domain/lifecycle.ts";
import { sanitizePhoto } from "../subgraphs/reports/domain/photos/sanitizePhoto.ts";

const COUNT = Number(process.argv[2] ?? 20_000);
const RUNS = 30;
const log = createLogger({ level: "silent" });

async function openScratch(): Promise<{ db: Database; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const config = loadConfig({ ...process.env, DATABASE_URL: "", PGLITE_DATA_DIR: "memory://" });
    return { db: await openDatabase(config, log, { pgliteDataDir: "memory://" }), drop: async () => {} };
  }
  const name = `parvis_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase(loadConfig({ ...process.env, DATABASE_URL: url.href }), log);
  return { db, drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function median(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(52)} median ${times[RUNS >> 1]?.toFixed(1)} ms   p90 ${times[Math.floor(RUNS * 0.9)]?.toFixed(1)} ms`,
  );
}

const { db, drop } = await openScratch();
try {
  await applyMigrations(db, log);
  const started = performance.now();
  // Reports spread uniformly over the coarse territory, a third of them closed, over the last 60 days.
  await db.exec(`
    INSERT INTO reports.report (id, category_id, status, description, lat, lon, service_code, attributes,
      tracking_token, created_at, updated_at)
    SELECT gen_random_uuid(), c.id,
           (ARRAY['submitted','acknowledged','in_progress','resolved'])[1 + (i % 4)],
           'Signalement ' || i, 48.45 + random() * 0.25, 7.60 + random() * 0.35, c.default_service_code, '{}',
           md5(i::text || random()::text), now() - (random() * interval '60 days'), now()
    FROM generate_series(1, ${COUNT}) AS i
    JOIN LATERAL (SELECT id, default_service_code FROM reports.report_category
                  ORDER BY code OFFSET (i % 7) LIMIT 1) c ON true;
    ANALYZE reports.report;
  `);
  console.log(`${COUNT} reports inserted in ${Math.round(performance.now() - started)} ms (${db.kind})`);

  const store = prismaReportStore(db);
  const [category] = await store.listCategories(false);
  const cathedral = { lat: 48.5818, lon: 7.751 };
  const page = { first: 20, after: undefined, order: "newest" as const };
  await median("findSimilar (same category, 50 m, 30 days)", () =>
    store.findSimilar({
      categoryId: category?.id ?? "",
      ...cathedral,
      radiusMeters: 50,
      since: new Date(Date.now() - 30 * 86_400_000),
      limit: 10,
    }),
  );
  await median("listReports near 500 m, first 20 + total", () =>
    store.listReports({ near: { ...cathedral, radiusMeters: 500 } }, page),
  );
  await median("listReports bbox 0.02°, open, first 20 + total", () =>
    store.listReports(
      { bbox: { west: 7.74, south: 48.57, east: 7.76, north: 48.59 }, statuses: OPEN_STATUSES },
      page,
    ),
  );
  await median("listReports all, first 20 + total", () => store.listReports({}, page));
  await median("reportsForMap bbox 0.1°, open, limit 2000", () =>
    store.reportsForMap(
      { bbox: { west: 7.7, south: 48.55, east: 7.8, north: 48.65 }, statuses: OPEN_STATUSES },
      2000,
    ),
  );
  // Open311 status follow-up: 3,000 ids in one read (FixMyStreet asks for all its open requests at once).
  const ids = (await db.query<{ id: string }>("SELECT id FROM reports.report LIMIT 3000")).map(
    (row) => row.id,
  );
  await median("reportsByIds, 3,000 ids (one statement)", () => store.reportsByIds(ids));
  // A 12-megapixel frame (4000 × 3000): its entropy-coded data is what the sanitiser scans byte by byte.
  const photo = testJpeg({
    width: 4000,
    height: 3000,
    exif: { make: "Canon", gps: { lat: 48.58, lon: 7.75 } },
  });
  await median(`sanitizePhoto (4000×3000 JPEG, ${(photo.length / 1024).toFixed(0)} kB)`, async () =>
    sanitizePhoto(photo, 8 << 20),
  );
} finally {
  await db.close();
  await drop();
}
