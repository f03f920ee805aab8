// Reports permissions (deny by default). Reports and the catalogue are public reads, but partner services need
// the reports:read scope to read and reports:write to submit. Staff-only fields are refused to everyone else with
// FORBIDDEN. Account.myReports is its holder's alone. Internal operations are the platform's (system caller).
// __resolveReference is not wrapped by shield: resolvers/types.ts checks the partner scope there itself.
import type { IRules } from "graphql-shield";
import type { SubgraphContext } from "../../platform/context.ts";
import { forbidden, unauthenticated } from "../../platform/errors.ts";
import { allow, isAuthenticated, isStaff, isSystem, rule } from "../../platform/permissions.ts";

type Ctx = SubgraphContext;

const canRead = rule("reports:canRead", { cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind !== "partner") return true;
  return ctx.caller.scopes.includes("reports:read") ? true : forbidden("La portée reports:read est requise.");
});

/** Anyone may report (each category says whether anonymously); partners need reports:write; never the system. */
const canSubmit = rule("reports:canSubmit", { cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "system") return forbidden();
  if (ctx.caller.kind !== "partner") return true;
  return ctx.caller.scopes.includes("reports:write")
    ? true
    : forbidden("La portée reports:write est requise.");
});

/** Partners with reports:write pass on residents' updates (FixMyStreet's POST servicerequestupdates). */
const isWritingPartner = rule("reports:isWritingPartner", { cache: "contextual" })(
  (_parent, _args, ctx: Ctx) => {
    if (ctx.caller.kind === "anonymous") return unauthenticated();
    if (ctx.caller.kind !== "partner") return forbidden("Réservé aux services partenaires.");
    return ctx.caller.scopes.includes("reports:write")
      ? true
      : forbidden("La portée reports:write est requise.");
  },
);

/** A person with an account: "me too" counts people, once each. */
const isPerson = rule("reports:isPerson", { cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return (ctx.caller.kind === "citizen" || ctx.caller.kind === "staff") && ctx.caller.accountId
    ? true
    : forbidden("Seule une personne connectée peut soutenir un signalement.");
});

const isAccountHolder = rule("reports:isAccountHolder", { cache: "no_cache" })(
  (account: { id: string }, _args, ctx: Ctx) => {
    if (ctx.caller.kind === "anonymous") return unauthenticated();
    return ctx.caller.accountId !== null && account.id === ctx.caller.accountId ? true : forbidden();
  },
);

/**
 * Who reported a report — their account (`Report.reporter`: pseudonymous id, public name « Camille M. ») and the
 * contact details they left (`Report.reporterContact`): staff of the report's responsible service (who answer the
 * reporter), moderators and the data-protection officer — not every agent of every service. One rule for both
 * fields. Each read is recorded in the audit trail by the gateway (both are personal fields,
 * gateway/audit/personalFields.ts). The reporters themselves see their reports through `Account.myReports`.
 */
const canReadReporter = rule("reports:canReadReporter", { cache: "no_cache" })(
  (report: { serviceCode: string }, _args, ctx: Ctx) => {
    if (ctx.caller.kind === "anonymous") return unauthenticated();
    if (ctx.caller.kind !== "staff") return forbidden();
    if (ctx.caller.roles.includes("moderator") || ctx.caller.roles.includes("dpo")) return true;
    return ctx.caller.staffService !== null && ctx.caller.staffService === report.serviceCode
      ? true
      : forbidden("Seuls les agents du service responsable du signalement voient qui en est l'auteur.");
  },
);

const PUBLIC_TYPES = [
  "ReportCategory",
  "ReportAttributeDefinition",
  "AttributeOption",
  "ReportAttributeValue",
  "ResponsibleService",
  "ReportPhoto",
  "GeoPoint",
  "PageInfo",
  "ReportConnection",
  "ReportEdge",
  "Quartier",
  "Commune",
  "ReportSubmitted",
  "OutsideTerritory",
  "AddressNotLocated",
  "UnknownCategory",
  "InvalidAttributes",
  "AttributeProblem",
  "SignInRequired",
  "PhotoUnavailable",
  "ReportSupported",
  "AlreadySupported",
  "OwnReport",
  "ReportClosed",
  "ReportNotFound",
  "ReportStatusChanged",
  "InvalidStatusTransition",
  "ReasonRequired",
  "NotInYourQueue",
  "ReportRerouted",
  "UnknownService",
  "ReportsMerged",
  "CannotMerge",
  "ReportAssigned",
  "AssigneeNotInService",
  "ReportCommented",
];

export const permissions: IRules = {
  Query: {
    reportCategories: canRead,
    reportCategory: canRead,
    responsibleServices: canRead,
    report: canRead,
    reportByTrackingToken: canRead,
    reports: canRead,
    reportsGeoJson: canRead,
    similarReports: canRead,
    reportQueue: isStaff,
    _reportMapFeatures: isSystem,
    _openDataReportAggregates: isSystem,
    _reportsByIds: isSystem,
    _reportUpdates: isSystem,
    _reportPhotoFile: isSystem,
  },
  Mutation: {
    submitReport: canSubmit,
    supportReport: isPerson,
    commentReport: isWritingPartner,
    changeReportStatus: isStaff,
    rerouteReport: isStaff,
    mergeReports: isStaff,
    assignReport: isStaff,
    _eraseAccountData: isSystem,
    _applyRetention: isSystem,
    _registerReportPhotoUpload: isSystem,
    _purgeExpiredReportPhotoUploads: isSystem,
    _discardReportPhotoUploads: isSystem,
  },
  Report: {
    "*": canRead,
    needsRouting: isStaff,
    assignee: isStaff,
    reporter: canReadReporter,
    reporterContact: canReadReporter,
    partnerClientId: isStaff,
  },
  ReportHistoryEntry: { "*": canRead, internalNote: isStaff },
  ReporterContact: isStaff,
  Account: { id: allow, myReports: isAccountHolder },
  ReportPhotoFile: isSystem,
  ReportPublicUpdate: isSystem,
  AccountErasure: isSystem,
  RetentionReport: isSystem,
  // Only the person's own export resolves (see its __resolveReference); its field needs a signed-in caller.
  PersonalDataExport: isAuthenticated,
  ...Object.fromEntries(PUBLIC_TYPES.map((type) => [type, allow])),
};
