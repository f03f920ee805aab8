// Report aggregates for open data, computed by the database: one GROUP BY whose HAVING drops the cells under the
// threshold, so that small counts never leave the SQL statement. Only the category, quartier id, month, status and
// durations are read — no text, no location, no person.
import type { SqlRunner } from "../../../platform/db/database.ts";
import type { ReportAggregateCell, ReportAggregates } from "../ports/openDataAggregates.ts";

const CELLS = /* SQL */ `
  SELECT c.code AS "categoryCode", c.name AS "categoryLabel", r.quartier_id::text AS "quartierId",
         to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS "month", r.status AS "status",
         count(*)::int AS "count",
         round((percentile_cont(0.5) WITHIN GROUP (
           ORDER BY extract(epoch FROM (r.closed_at - r.created_at)) / 3600.0
         ) FILTER (WHERE r.closed_at IS NOT NULL))::numeric, 1)::float8 AS "medianResolutionHours"
    FROM reports.report r
    JOIN reports.report_category c ON c.id = r.category_id
   GROUP BY c.code, c.name, r.quartier_id, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM'), r.status
  HAVING count(*) >= $1
   ORDER BY c.code, r.quartier_id NULLS LAST, 4, r.status`;

export function sqlReportAggregates(db: SqlRunner): ReportAggregates {
  return {
    async cells(minimumCount) {
      const rows = await db.query<ReportAggregateCell>(CELLS, [minimumCount]);
      return rows.map((row) => ({
        ...row,
        count: Number(row.count),
        medianResolutionHours: row.medianResolutionHours === null ? null : Number(row.medianResolutionHours),
      }));
    },
  };
}
