// The reports' part of the open data (subgraphs/opendata): aggregates only, small cells already suppressed by the
// SQL. System caller only (permissions.ts); the threshold comes from the open-data module's configuration, and is
// never below 2 so that no cell can describe one report.
import { z } from "zod";
import { sqlReportAggregates } from "../adapters/sqlReportAggregates.ts";
import type { Ctx } from "./context.ts";
import { parseOrThrow } from "./inputs.ts";

export const openDataQueryResolvers = {
  async _openDataReportAggregates(_: unknown, args: { minimumCount: number }, ctx: Ctx) {
    const minimumCount = parseOrThrow(z.number().int().min(2).max(1000), args.minimumCount, "minimumCount");
    const cells = await sqlReportAggregates(ctx.db).cells(minimumCount);
    // The SQL's HAVING already did it; checked again so that a changed statement cannot leak a small cell.
    return cells.filter((cell) => cell.count >= minimumCount);
  },
};
