// Field resolvers of the reports subgraph's types. Authorization is shield's (permissions.ts), except inside
// __resolveReference, which shield does not wrap.
import { forbidden } from "../../../platform/errors.ts";
import { labelsOf } from "../domain/attributes.ts";
import { reportFeature } from "../domain/geojson.ts";
import type {
  AttributeDefinition,
  CategoryRecord,
  HistoryEntryRecord,
  PhotoRecord,
  ReportRecord,
} from "../domain/model.ts";
import { photoUrl } from "../settings.ts";
import { type Ctx, isStaffViewer } from "./context.ts";
import { listReports } from "./lists.ts";

/** Report reads are public, but a partner service needs the reports:read scope. */
export function assertCanRead(ctx: Ctx): void {
  if (ctx.caller.kind === "partner" && !ctx.caller.scopes.includes("reports:read")) {
    throw forbidden("La portée reports:read est requise.");
  }
}

export const typeResolvers = {
  PersonalDataExport: {
    // Only the person's own export: the key is checked against the caller, never trusted.
    __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
      ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
    async reports(ref: { accountId: string }, _: unknown, ctx: Ctx) {
      const exported = await ctx.loaders.store.exportAccount(ref.accountId);
      return {
        ...exported,
        // Where to fetch the bytes: attached photos are served publicly; unattached uploads expire unseen.
        photos: exported.photos.map((photo) => ({
          ...photo,
          url: photo.reportId ? photoUrl(ctx.loaders.settings, photo.id, photo.mediaType) : null,
        })),
      };
    },
  },
  Report: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      assertCanRead(ctx);
      return ctx.loaders.report.load(ref.id);
    },
    category: (report: ReportRecord, _: unknown, ctx: Ctx) => ctx.loaders.category.load(report.categoryId),
    duplicateOf: (report: ReportRecord, _: unknown, ctx: Ctx) =>
      report.duplicateOfId ? ctx.loaders.report.load(report.duplicateOfId) : null,
    location: (report: ReportRecord) => ({ lat: report.lat, lon: report.lon }),
    externalMediaUrl: (report: ReportRecord) => report.externalMediaUrls[0] ?? null,
    commune: (report: ReportRecord) => (report.communeId ? { id: report.communeId } : null),
    quartier: (report: ReportRecord) => (report.quartierId ? { id: report.quartierId } : null),
    responsibleService: (report: ReportRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.service.load(report.serviceCode),
    async attributes(report: ReportRecord, _: unknown, ctx: Ctx) {
      const definitions = await ctx.loaders.attributesOfCategory.load(report.categoryId);
      const byCode = new Map(definitions.map((definition) => [definition.code, definition]));
      const ordered = [
        ...definitions.map((definition) => definition.code),
        ...Object.keys(report.attributes).filter((code) => !byCode.has(code)),
      ];
      return ordered
        .filter((code) => report.attributes[code]?.length)
        .map((code) => {
          const values = report.attributes[code] ?? [];
          const definition = byCode.get(code);
          return {
            code,
            question: definition?.description ?? code,
            values,
            labels: labelsOf(definition, values),
          };
        });
    },
    photos: (report: ReportRecord, _: unknown, ctx: Ctx) => ctx.loaders.photos.load(report.id),
    viewerHasSupported: (report: ReportRecord, _: unknown, ctx: Ctx) => ctx.loaders.supported.load(report.id),
    viewerIsReporter: (report: ReportRecord, _: unknown, ctx: Ctx) =>
      ctx.caller.accountId !== null && report.reporterAccountId === ctx.caller.accountId,
    async history(report: ReportRecord, _: unknown, ctx: Ctx) {
      const entries = await ctx.loaders.history.load(report.id);
      return isStaffViewer(ctx) ? entries : entries.filter((entry) => entry.public);
    },
    status: (report: ReportRecord) => report.status,
    async geoJson(report: ReportRecord, _: unknown, ctx: Ctx) {
      return reportFeature(report, await ctx.loaders.category.load(report.categoryId));
    },
    assignee: (report: ReportRecord) => (report.assigneeAccountId ? { id: report.assigneeAccountId } : null),
    reporter: (report: ReportRecord) => (report.reporterAccountId ? { id: report.reporterAccountId } : null),
    reporterContact: (report: ReportRecord, _: unknown, ctx: Ctx) => ctx.loaders.contact.load(report.id),
  },
  ReportCategory: {
    group: (category: CategoryRecord) => category.groupName,
    responsibleService: (category: CategoryRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.service.load(category.defaultServiceCode),
    async attributes(category: CategoryRecord, _: unknown, ctx: Ctx) {
      return ctx.loaders.attributesOfCategory.load(category.id);
    },
  },
  ReportAttributeDefinition: {
    order: (definition: AttributeDefinition) => definition.position,
    values: (definition: AttributeDefinition) => definition.options,
  },
  ReportPhoto: {
    url: (photo: PhotoRecord, _: unknown, ctx: Ctx) =>
      photoUrl(ctx.loaders.settings, photo.id, photo.mediaType),
  },
  ReportHistoryEntry: {
    kind: (entry: HistoryEntryRecord) => entry.kind,
    fromStatus: (entry: HistoryEntryRecord) => entry.fromStatus,
    toStatus: (entry: HistoryEntryRecord) => entry.toStatus,
    fromService: (entry: HistoryEntryRecord, _: unknown, ctx: Ctx) =>
      entry.fromServiceCode ? ctx.loaders.service.load(entry.fromServiceCode) : null,
    toService: (entry: HistoryEntryRecord, _: unknown, ctx: Ctx) =>
      entry.toServiceCode ? ctx.loaders.service.load(entry.toServiceCode) : null,
    note: (entry: HistoryEntryRecord) => entry.publicNote,
    actor: (entry: HistoryEntryRecord) => entry.actorKind,
    at: (entry: HistoryEntryRecord) => entry.createdAt,
  },
  Account: {
    // The reference reveals nothing: myReports is gated by shield to the account's own holder.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    myReports: (account: { id: string }, args: { first?: number; after?: string }, ctx: Ctx) =>
      listReports(ctx, { reporterAccountId: account.id }, args, "newest"),
  },
  ReportStatus: {
    SUBMITTED: "submitted",
    ACKNOWLEDGED: "acknowledged",
    IN_PROGRESS: "in_progress",
    RESOLVED: "resolved",
    REJECTED: "rejected",
    DUPLICATE: "duplicate",
    REDIRECTED: "redirected",
  },
  AttributeDatatype: {
    STRING: "string",
    NUMBER: "number",
    DATETIME: "datetime",
    TEXT: "text",
    SINGLEVALUELIST: "singlevaluelist",
    MULTIVALUELIST: "multivaluelist",
  },
  ReportHistoryKind: {
    SUBMITTED: "submitted",
    STATUS_CHANGED: "status_changed",
    REROUTED: "rerouted",
    MERGED: "merged",
    ASSIGNED: "assigned",
    LOCATED: "located",
    COMMENTED: "commented",
  },
  ResidentSays: { FIXED: "fixed", OPEN: "open" },
  ReportActorKind: {
    ANONYMOUS: "anonymous",
    CITIZEN: "citizen",
    STAFF: "staff",
    PARTNER: "partner",
    SYSTEM: "system",
  },
  QueueAssignment: { ANYONE: "anyone", ME: "me", UNASSIGNED: "unassigned" },
};
