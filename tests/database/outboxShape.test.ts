// Every emitting subgraph declares its own outbox table (one schema per subgraph), so the shape documented in
// platform/outbox.ts is repeated in each migration. This keeps them identical: the platform's outbox store runs the
// same SQL on all of them, and a column that drifted in one schema would fail only at delivery time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../harness/testDatabase.ts";
import { subgraphsWithOutbox } from "../../subgraphs/registry.ts";

/** platform/outbox.ts: column → [type, nullable]. */
const OUTBOX_SHAPE: Record<string, [string, "YES" | "NO"]> = {
  id: ["uuid", "NO"],
  type: ["text", "NO"],
  subject: ["text", "NO"],
  payload: ["jsonb", "NO"],
  occurred_at: ["timestamp with time zone", "NO"],
  delivered_at: ["timestamp with time zone", "YES"],
  attempts: ["integer", "NO"],
  next_attempt_at: ["timestamp with time zone", "NO"],
  last_error: ["text", "YES"],
  dead_lettered_at: ["timestamp with time zone", "YES"],
};

describe("outbox tables", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it("exist exactly in the schemas of the subgraphs that expose the outbox port", async () => {
    const rows = await db.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox_event' ORDER BY 1`,
    );
    expect(rows.map((row) => row.schema)).toEqual([...subgraphsWithOutbox()].sort());
  });

  it("have the platform's columns, types and nullability in every schema", async () => {
    const rows = await db.query<{ schema: string; column: string; type: string; nullable: "YES" | "NO" }>(
      `SELECT table_schema AS schema, column_name AS column, data_type AS type, is_nullable AS nullable
         FROM information_schema.columns WHERE table_name = 'outbox_event' ORDER BY 1, 2`,
    );
    const bySchema = new Map<string, Record<string, [string, string]>>();
    for (const row of rows) {
      const shape = bySchema.get(row.schema) ?? {};
      shape[row.column] = [row.type, row.nullable];
      bySchema.set(row.schema, shape);
    }
    expect(bySchema.size).toBeGreaterThan(0);
    for (const [schema, shape] of bySchema)
      expect({ schema, shape }).toEqual({ schema, shape: OUTBOX_SHAPE });
  });

  it("are indexed for the claim (due events) and for per-subject order in every schema", async () => {
    const rows = await db.query<{ schema: string; definition: string }>(
      `SELECT schemaname AS schema, indexdef AS definition FROM pg_indexes WHERE tablename = 'outbox_event'`,
    );
    for (const schema of subgraphsWithOutbox()) {
      const definitions = rows.filter((row) => row.schema === schema).map((row) => row.definition);
      expect(
        definitions.some((d) => /\(delivered_at, next_attempt_at\)/.test(d)),
        schema,
      ).toBe(true);
      expect(
        definitions.some((d) => /\(subject, occurred_at\)/.test(d)),
        schema,
      ).toBe(true);
    }
  });
});
