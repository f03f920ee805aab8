// The publication record in PostgreSQL (schema `opendata`, prisma/opendata.prisma).
import type { SqlRunner } from "../../../platform/db/database.ts";
import type {
  DatasetResult,
  PublicationRun,
  PublicationStore,
  PublishedDataset,
} from "../ports/publicationStore.ts";

interface RunRow {
  id: string;
  trigger: PublicationRun["trigger"];
  status: PublicationRun["status"];
  started_at: Date | string;
  finished_at: Date | string | null;
  results: DatasetResult[] | string;
}

const toRun = (row: RunRow): PublicationRun => ({
  id: row.id,
  trigger: row.trigger,
  status: row.status,
  startedAt: new Date(row.started_at),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  results: typeof row.results === "string" ? (JSON.parse(row.results) as DatasetResult[]) : row.results,
});

export function sqlPublicationStore(db: SqlRunner): PublicationStore {
  return {
    async startRun(id, trigger, at) {
      await db.query(
        `INSERT INTO opendata.publication_run (id, trigger, status, started_at) VALUES ($1, $2, 'running', $3)`,
        [id, trigger, at],
      );
    },
    async finishRun(id, status, results, at) {
      await db.query(
        `UPDATE opendata.publication_run SET status = $2, results = $3::jsonb, finished_at = $4 WHERE id = $1`,
        [id, status, JSON.stringify(results), at],
      );
    },
    async recentRuns(limit) {
      const rows = await db.query<RunRow>(
        `SELECT id::text, trigger, status, started_at, finished_at, results
           FROM opendata.publication_run ORDER BY started_at DESC, id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toRun);
    },
    async run(id) {
      const [row] = await db.query<RunRow>(
        `SELECT id::text, trigger, status, started_at, finished_at, results FROM opendata.publication_run WHERE id = $1`,
        [id],
      );
      return row ? toRun(row) : null;
    },
    async published(datasetId) {
      const [row] = await db.query<{
        dataset_id: string;
        portal_dataset_uid: string;
        portal_resource_uid: string;
        digest: string;
        row_count: number;
        published_at: Date | string;
        run_id: string;
      }>(`SELECT *, run_id::text AS run_id FROM opendata.published_dataset WHERE dataset_id = $1`, [
        datasetId,
      ]);
      if (!row) return null;
      return {
        datasetId: row.dataset_id,
        portalDatasetUid: row.portal_dataset_uid,
        portalResourceUid: row.portal_resource_uid,
        digest: row.digest,
        rowCount: Number(row.row_count),
        publishedAt: new Date(row.published_at),
        runId: row.run_id,
      } satisfies PublishedDataset;
    },
    async recordPublished(entry) {
      await db.query(
        `INSERT INTO opendata.published_dataset
           (dataset_id, portal_dataset_uid, portal_resource_uid, digest, row_count, published_at, run_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (dataset_id) DO UPDATE SET portal_dataset_uid = EXCLUDED.portal_dataset_uid,
           portal_resource_uid = EXCLUDED.portal_resource_uid, digest = EXCLUDED.digest,
           row_count = EXCLUDED.row_count, published_at = EXCLUDED.published_at, run_id = EXCLUDED.run_id`,
        [
          entry.datasetId,
          entry.portalDatasetUid,
          entry.portalResourceUid,
          entry.digest,
          entry.rowCount,
          entry.publishedAt,
          entry.runId,
        ],
      );
    },
  };
}
