// Freshness of the synchronised copies, the runs (staff), and the internal mutation the platform's scheduler calls.
import type { FreshnessRecord, SyncRunRecord } from "../ports/syncStore.ts";
import type { Ctx } from "./shared.ts";

export interface Freshness extends FreshnessRecord {
  ageSeconds: number | null;
  stale: boolean;
}

export async function freshnessOf(sources: readonly string[], ctx: Ctx): Promise<Freshness[]> {
  const now = Date.now();
  const staleAfter = ctx.config.DIRECTORY_SYNC_STALE_AFTER_SECONDS;
  return (await ctx.loaders.syncs.freshness(sources)).map((record) => {
    const ageSeconds = record.lastSuccessAt
      ? Math.max(0, Math.floor((now - record.lastSuccessAt.getTime()) / 1000))
      : null;
    return { ...record, ageSeconds, stale: ageSeconds === null || ageSeconds > staleAfter };
  });
}

const RUNS_MAX = 100;

export const syncResolvers = {
  Query: {
    directoryFreshness: (_: unknown, __: unknown, ctx: Ctx) => freshnessOf(ctx.loaders.services.sources, ctx),
    directorySyncRuns: (_: unknown, args: { source?: string | null; limit?: number | null }, ctx: Ctx) =>
      ctx.loaders.syncs.recent(
        args.source?.slice(0, 100) ?? null,
        Math.min(Math.max(args.limit ?? 20, 1), RUNS_MAX),
      ),
  },
  DirectorySyncRun: {
    rejections: (run: SyncRunRecord) => run.rejections,
  },
  Mutation: {
    _syncDirectory: async (_: unknown, __: unknown, ctx: Ctx) => ({
      runs: await ctx.loaders.services.sync(),
    }),
  },
};
