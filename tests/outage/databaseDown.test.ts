// The database down (a private PostgreSQL stopped at once, connections cut), single-process mode: every field that
// needs it answers UNAVAILABLE — retryable, with a delay, its message masked — the HTTP status is 503 with
// Retry-After when nothing could be answered, and the platform recovers by itself when the server is back.
// Runs once (embedded project): the database is a private server in both projects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../app/seed.ts";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";
import { loadConfig } from "../../platform/config.ts";
import { openDatabase } from "../../platform/db/database.ts";
import { createLogger } from "../../platform/logger.ts";
import { applyMigrations } from "../../prisma/migrations.ts";
import { type PrivatePostgres, startPrivatePostgres } from "../support/privatePostgres.ts";

const QUARTIERS = "{ quartiers(first: 2) { totalCount } }";

describe.skipIf(process.env.PARVIS_TEST_BACKEND === "services")("the database down", () => {
  let postgres: PrivatePostgres;
  let platform: TestPlatform;
  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    const env = { ...process.env, DATABASE_URL: postgres.url, DATABASE_POOL_MAX: "4" };
    const log = createLogger({ level: "silent", name: "test-db" });
    const database = await openDatabase(loadConfig(env), log);
    await applyMigrations(database, log);
    await seedDatabase(database, log);
    platform = await startTestPlatform({ database, env: { DATABASE_URL: postgres.url } });
    expect((await platform.graphql(QUARTIERS)).body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await platform?.close();
    await postgres?.destroy();
  });

  it("answers UNAVAILABLE, retryable, 503 with Retry-After, then recovers when the server is back", async () => {
    await postgres.stop();
    const down = await platform.graphql(QUARTIERS);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(down.body.data).toEqual({ quartiers: null });
    expect(down.body.errors).toEqual([
      {
        message: expect.stringMatching(/indisponible/),
        path: ["quartiers"],
        extensions: expect.objectContaining({ code: "UNAVAILABLE", retryable: true, retryAfterSeconds: 5 }),
      },
    ]);
    expect(JSON.stringify(down.body)).not.toMatch(/ECONN|connect|postgres|terminated/i);

    await postgres.start();
    const up = await platform.graphql<{ quartiers: { totalCount: number } }>(QUARTIERS);
    expect(up.body.errors).toBeUndefined();
    expect(up.body.data?.quartiers.totalCount).toBeGreaterThan(0);
  });
});
