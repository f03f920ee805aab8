// openDatabase: fail-fast connection errors in one line without secrets, health check, statement counting, and the
// one-process-per-folder rule of the embedded PGlite.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import { loadConfig } from "../../platform/config.ts";
import { openDatabase } from "../../platform/db/database.ts";
import { createLogger } from "../../platform/logger.ts";

const log = createLogger({ level: "silent" });
const embedded = process.env.PARVIS_TEST_BACKEND !== "services";

/** A port nothing listens on: bind one, then free it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

describe("openDatabase on PostgreSQL", () => {
  it("fails fast with one line naming what to fix, never the password", async () => {
    const port = await closedPort();
    const config = loadConfig({ DATABASE_URL: `postgresql://parvis:s3cr3t-pw@127.0.0.1:${port}/parvis` });
    const started = performance.now();
    const error = await openDatabase(config, log).then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(error?.message).toBe(
      `Cannot reach PostgreSQL at 127.0.0.1:${port} (DATABASE_URL): connection refused — start the server or fix DATABASE_URL`,
    );
    expect(error?.message).not.toContain("s3cr3t");
    expect(error?.message).not.toContain("\n");
  });

  it.runIf(!embedded)("says when the database does not exist", async () => {
    const url = new URL(process.env.DATABASE_URL ?? "");
    url.pathname = "/parvis_no_such_database";
    const attempt = openDatabase(loadConfig({ DATABASE_URL: url.href }), log);
    await expect(attempt).rejects.toThrow(
      `Database "parvis_no_such_database" does not exist on PostgreSQL at ${url.hostname}:${url.port || "5432"} (DATABASE_URL) — create it (createdb parvis_no_such_database) or fix DATABASE_URL`,
    );
  });
});

describe("a test database of this run's backend", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it("is the backend the run asked for", () => {
    expect(db.kind).toBe(embedded ? "pglite" : "postgres");
  });

  it("answers ping", async () => {
    await expect(db.ping()).resolves.toBeUndefined();
  });

  it("counts each statement Prisma sends, and only those", async () => {
    const start = db.statementCount();
    await db.prisma.commune.findMany({ where: { inseeCode: { in: ["67482", "67447"] } } });
    expect(db.statementCount()).toBe(start + 1);

    // A batch transaction counts its statements, not its BEGIN/COMMIT (which only pg sends as SQL).
    await db.prisma.$transaction([db.prisma.commune.count(), db.prisma.quartier.count()]);
    expect(db.statementCount()).toBe(start + 3);

    await db.prisma.$transaction(async (tx) => {
      await tx.commune.findFirst();
      await tx.quartier.findFirst();
    });
    expect(db.statementCount()).toBe(start + 5);

    // Raw SQL outside Prisma is not counted: the count is about what resolvers make Prisma do.
    await db.query("SELECT 1");
    await db.ping();
    expect(db.statementCount()).toBe(start + 5);
  });

  it("returns int8 as numbers from raw queries on both backends", async () => {
    const [row] = await db.query<{ total: unknown }>("SELECT count(*) AS total FROM directory.commune");
    expect(row?.total).toBe(0);
  });

  it("commits a transaction that succeeds and rolls back one that throws", async () => {
    await db.transaction((tx) => tx.exec("CREATE TABLE public.tx_probe (id INT)"));
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO public.tx_probe VALUES ($1)", [1]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.query("SELECT * FROM public.tx_probe")).toEqual([]);
    await db.exec("DROP TABLE public.tx_probe");
  });
});

describe("ping after close", () => {
  it("throws", async () => {
    const db = await createTestDatabase({ migrate: false });
    await db.close();
    await expect(db.ping()).rejects.toThrow();
  });
});

describe.runIf(embedded)("the embedded PGlite data folder", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "parvis-pglite-"));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.lock`, { force: true });
  });

  it("is created, persisted, and refused to a second opener until closed", async () => {
    const dataDir = join(dir, "data");
    const config = loadConfig({ DATABASE_URL: "", PGLITE_DATA_DIR: dataDir });
    const first = await openDatabase(config, log);
    await first.exec("CREATE TABLE public.kept (value TEXT); INSERT INTO public.kept VALUES ('still here');");

    await expect(openDatabase(config, log)).rejects.toThrow(
      `The PGlite data folder ${dataDir} is already open`,
    );
    await first.close();

    const second = await openDatabase(config, log);
    expect(await second.query("SELECT value FROM public.kept")).toEqual([{ value: "still here" }]);
    await second.close();
  });
});
