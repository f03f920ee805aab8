// Outbox backlogs for the metrics endpoint, read at scrape time from the outbox tables (outbox.ts) of the schemas a
// process owns: every schema with an outbox_event table in single-process mode, its own in a subgraph process
// (so that the processes of distributed mode, which share one database, do not each report every outbox).
import type { SqlRunner } from "../db/database.ts";
import type { OutboxBacklog } from "./metrics.ts";

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

export function outboxBacklogReader(
  db: SqlRunner,
  ownedSchemas?: readonly string[],
): () => Promise<OutboxBacklog[]> {
  let schemas: string[] | undefined;
  return async () => {
    if (!schemas) {
      const rows = await db.query<{ schema: string }>(
        "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox_event' ORDER BY 1",
      );
      schemas = rows
        .map((row) => row.schema)
        .filter((schema) => SCHEMA_NAME.test(schema) && (!ownedSchemas || ownedSchemas.includes(schema)));
    }
    return Promise.all(
      schemas.map(async (schema) => {
        const [row] = await db.query<{ pending: number; oldest: number | null; dead: number }>(
          // Undelivered rows only (delivered_at is indexed): delivered events may be many and are not read.
          `SELECT count(*) FILTER (WHERE dead_lettered_at IS NULL)::int AS pending,
                  EXTRACT(EPOCH FROM now() - min(occurred_at) FILTER (WHERE dead_lettered_at IS NULL))::float8 AS oldest,
                  count(*) FILTER (WHERE dead_lettered_at IS NOT NULL)::int AS dead
             FROM "${schema}"."outbox_event" WHERE delivered_at IS NULL`,
        );
        return {
          schema,
          pending: Number(row?.pending ?? 0),
          oldestPendingSeconds: Math.max(0, Number(row?.oldest ?? 0)),
          deadLettered: Number(row?.dead ?? 0),
        };
      }),
    );
  };
}
