// The hand-written migrations must build exactly the schema Prisma describes (tables, columns, types, nullability,
// defaults, primary keys, unique and plain indexes, foreign keys, names included). Runs on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import { diffDatabaseWithPrisma, loadDmmf, prismaConstraintName } from "../support/prismaSchemaDiff.ts";

describe("migrations build the Prisma schema", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it("has every model, field, index and relation of prisma/*.prisma, and nothing else", async () => {
    expect(await diffDatabaseWithPrisma(db)).toEqual([]);
  });

  it("really inspects the database: the schema it reads is not empty", async () => {
    const dmmf = await loadDmmf();
    // arrayContaining: every subgraph adds its own models; this checks the reader sees the foundation's.
    expect(dmmf.datamodel.models.map((model) => model.name).sort()).toEqual(
      expect.arrayContaining(["Account", "Commune", "Quartier"]),
    );
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema IN ('identity', 'directory') ORDER BY 1",
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["account", "commune", "quartier"]),
    );
  });

  it("creates the extensions later features rely on", async () => {
    const rows = await db.query<{ extname: string }>("SELECT extname FROM pg_extension ORDER BY extname");
    expect(rows.map((row) => row.extname)).toEqual(
      expect.arrayContaining(["btree_gist", "cube", "earthdistance", "pg_trgm", "pgcrypto", "unaccent"]),
    );
  });

  it("names constraints the way Prisma does, shortening long names to 63 characters", () => {
    expect(prismaConstraintName("quartier", ["commune_id"], "fkey")).toBe("quartier_commune_id_fkey");
    expect(prismaConstraintName("account", ["id"], "pkey")).toBe("account_pkey");
    const long = prismaConstraintName(
      "a_very_long_table_name_for_testing",
      ["a_very_long_column_name_too"],
      "idx",
    );
    expect(long).toHaveLength(63);
    expect(long.endsWith("_idx")).toBe(true);
  });
});

describe("the comparison catches drift", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it("reports a missing index, a missing column, a wrong nullability and a missing foreign key", async () => {
    await db.exec(`
      DROP INDEX "directory"."quartier_commune_id_idx";
      ALTER TABLE "identity"."account" DROP COLUMN "erased_at";
      ALTER TABLE "directory"."commune" ALTER COLUMN "name" DROP NOT NULL;
      ALTER TABLE "directory"."quartier" DROP CONSTRAINT "quartier_commune_id_fkey";
      CREATE INDEX "commune_name_idx" ON "directory"."commune"("name");
    `);
    const problems = await diffDatabaseWithPrisma(db);
    expect(problems).toEqual(
      expect.arrayContaining([
        "index quartier_commune_id_idx on directory.quartier(commune_id) is missing",
        "column identity.account.erased_at (Account.erasedAt) is missing",
        "column directory.commune.name (Commune.name) is nullable, Prisma expects NOT NULL",
        "foreign key quartier_commune_id_fkey directory.quartier(commune_id) → directory.commune(id) is missing",
        "index commune_name_idx on directory.commune(name) exists but is not in the Prisma schema",
      ]),
    );
    expect(problems).toHaveLength(5);
  });
});
