// Query resolvers: validate, ask the store (through loaders), map.
import { z } from "zod";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { OPEN_STATUSES, type ReportStatus } from "../domain/lifecycle.ts";
import type { ReportRecord } from "../domain/model.ts";
import type { ReportListFilter } from "../ports/reportStore.ts";
import type { Ctx } from "./context.ts";
import { GeoPointSchema, parseBox, parseFilter, parseOrThrow, requireUuid } from "./inputs.ts";
import { listReports, mapOf } from "./lists.ts";

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const MAP_LIMIT_MAX = 2000;
const INTERNAL_MAP_LIMIT_MAX = 5000;
const SIMILAR_LIMIT = 10;
export const MAX_IDS_AT_ONCE = 10_000;

export const queryResolvers = {
  reportCategories: (_: unknown, __: unknown, ctx: Ctx) => ctx.loaders.store.listCategories(false),
  async reportCategory(_: unknown, args: { code: string }, ctx: Ctx) {
    const category = await ctx.loaders.store.categoryByCode(args.code);
    return category?.active ? category : null;
  },
  responsibleServices: (_: unknown, __: unknown, ctx: Ctx) => ctx.loaders.store.listServices(),
  report: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.loaders.report.load(requireUuid(args.id, "id")),
  /** One SQL statement whatever the count (the loader's batch, `id = ANY($1)`); fields load in batches too. */
  async _reportsByIds(_: unknown, args: { ids: string[] }, ctx: Ctx) {
    if (args.ids.length > MAX_IDS_AT_ONCE) {
      throw badUserInput(`${MAX_IDS_AT_ONCE} identifiants au plus.`, { argument: "ids" });
    }
    const ids = [...new Set(args.ids.filter((id) => isUuid(id)))];
    const found = await ctx.loaders.report.loadMany(ids);
    return found
      .filter((report): report is ReportRecord => report !== null && !(report instanceof Error))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
  },
  _reportUpdates(_: unknown, args: { since: Date | string; until: Date | string; limit: number }, ctx: Ctx) {
    const limit = parseOrThrow(
      z.number().int().min(1).max(1000, "1000 lignes au plus."),
      args.limit,
      "limit",
    );
    return ctx.loaders.store.publicStaffUpdates(new Date(args.since), new Date(args.until), limit);
  },
  reportByTrackingToken(_: unknown, args: { token: string }, ctx: Ctx) {
    if (!TOKEN.test(args.token)) throw badUserInput("Jeton de suivi invalide.", { argument: "token" });
    return ctx.loaders.store.reportByTrackingToken(args.token);
  },
  reports: (_: unknown, args: { filter?: unknown; first?: number; after?: string }, ctx: Ctx) =>
    listReports(ctx, parseFilter(args.filter), args, "newest"),
  async reportsGeoJson(_: unknown, args: { filter?: unknown; limit?: number | null }, ctx: Ctx) {
    const limit = parseOrThrow(
      z.number().int().min(1).max(MAP_LIMIT_MAX, `${MAP_LIMIT_MAX} points au plus.`).nullish(),
      args.limit,
      "limit",
    );
    const reports = await ctx.loaders.store.reportsForMap(parseFilter(args.filter), limit ?? 500);
    return mapOf(ctx, reports);
  },
  async similarReports(_: unknown, args: { categoryCode: string; location: unknown }, ctx: Ctx) {
    const location = parseOrThrow(GeoPointSchema, args.location, "location");
    const category = await ctx.loaders.store.categoryByCode(args.categoryCode);
    if (!category?.active) throw badUserInput("Catégorie inconnue.", { argument: "categoryCode" });
    const { settings } = ctx.loaders;
    return ctx.loaders.store.findSimilar({
      categoryId: category.id,
      ...location,
      radiusMeters: settings.duplicateRadiusMeters,
      since: new Date(Date.now() - settings.duplicateMaxAgeDays * 86_400_000),
      limit: SIMILAR_LIMIT,
    });
  },
  reportQueue(
    _: unknown,
    args: {
      service?: string | null;
      status?: ReportStatus[] | null;
      assignment?: "anyone" | "me" | "unassigned" | null;
      needsRouting?: boolean | null;
      first?: number;
      after?: string;
    },
    ctx: Ctx,
  ) {
    const serviceCode = args.service ?? ctx.caller.staffService;
    if (!serviceCode) throw badUserInput("Précisez le service de la file.", { argument: "service" });
    const filter: ReportListFilter = {
      serviceCode,
      statuses: args.status?.length ? args.status : OPEN_STATUSES,
    };
    if (args.assignment === "unassigned") filter.assignee = "unassigned";
    if (args.assignment === "me" && ctx.caller.accountId)
      filter.assignee = { accountId: ctx.caller.accountId };
    if (args.needsRouting !== null && args.needsRouting !== undefined)
      filter.needsRouting = args.needsRouting;
    return listReports(ctx, filter, args, "oldest");
  },
  async _reportMapFeatures(
    _: unknown,
    args: { west: number; south: number; east: number; north: number; limit: number },
    ctx: Ctx,
  ) {
    const box = parseBox(args, "bbox", 360);
    const limit = parseOrThrow(z.number().int().min(1).max(INTERNAL_MAP_LIMIT_MAX), args.limit, "limit");
    const reports = await ctx.loaders.store.reportsForMap({ bbox: box, statuses: OPEN_STATUSES }, limit);
    return mapOf(ctx, reports);
  },
  async _reportPhotoFile(_: unknown, args: { id: string }, ctx: Ctx) {
    const [photo] = await ctx.loaders.store.photosByIds([requireUuid(args.id, "id")]);
    // Only photos attached to a report are public; an upload waiting for its report is nobody's to see.
    return photo?.reportId ? { id: photo.id, mediaType: photo.mediaType, byteSize: photo.byteSize } : null;
  },
};
