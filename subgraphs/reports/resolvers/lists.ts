// Report lists as Relay connections (keyset on the UUIDv7 id, i.e. on the order of creation).
import { z } from "zod";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { featureCollection } from "../domain/geojson.ts";
import type { CategoryRecord, ReportRecord } from "../domain/model.ts";
import type { ReportListFilter } from "../ports/reportStore.ts";
import type { Ctx } from "./context.ts";

const IdKeySchema = z.object({ id: z.uuid() });

export async function listReports(
  ctx: Ctx,
  filter: ReportListFilter,
  args: { first?: number | null; after?: string | null },
  order: "newest" | "oldest",
) {
  const page = parsePage(args, IdKeySchema);
  const { rows, total } = await ctx.loaders.store.listReports(filter, { ...page, order });
  // Prime the loader: field resolvers asking for one of these reports again cost nothing.
  for (const row of rows) ctx.loaders.report.prime(row.id, row);
  return { ...toConnection(rows, page.first, (row: ReportRecord) => ({ id: row.id })), totalCount: total };
}

export async function mapOf(ctx: Ctx, reports: ReportRecord[]) {
  const categories = await ctx.loaders.category.loadMany([
    ...new Set(reports.map((report) => report.categoryId)),
  ]);
  const byId = new Map(
    categories
      .filter((category): category is CategoryRecord => !!category && !(category instanceof Error))
      .map((category) => [category.id, category]),
  );
  return featureCollection(reports, byId);
}
