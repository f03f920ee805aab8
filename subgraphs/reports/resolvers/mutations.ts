// Mutation resolvers: parse input, run a domain command, map its outcome to the result union.
import { z } from "zod";
import { badUserInput, upstreamUnavailable } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { InternalCallError } from "../../../platform/internalClient.ts";
import { toGraphQLError } from "../../../platform/resilience/upstream.ts";
import { recordParticipation } from "../../../platform/telemetry/metrics.ts";
import { assignReport } from "../domain/assignReport.ts";
import { changeReportStatus } from "../domain/changeReportStatus.ts";
import { commentReport } from "../domain/commentReport.ts";
import { type ReportStatus, STATUS_LABELS } from "../domain/lifecycle.ts";
import { mergeReports } from "../domain/mergeReports.ts";
import { rerouteReport } from "../domain/rerouteReport.ts";
import { submitReport } from "../domain/submitReport.ts";
import { supportReport } from "../domain/supportReport.ts";
import { actorOf, type Ctx, newTrackingToken, staffDeps } from "./context.ts";
import {
  commentInputSchema,
  parseOrThrow,
  parseSubmitInput,
  ReasonSchema,
  requireUuid,
  StaffNoteSchema,
} from "./inputs.ts";

const NOT_FOUND = { __typename: "ReportNotFound", message: "Aucun signalement ne porte cet identifiant." };
const notInQueue = (serviceCode: string) => ({
  __typename: "NotInYourQueue",
  message: "Ce signalement relève d'un autre service : seuls ses agents peuvent le traiter.",
  serviceCode,
});
const closed = (report: unknown) => ({
  __typename: "ReportClosed",
  message: "Ce signalement est clos.",
  report,
});

const STAFF_SERVICE_OF = "query StaffServiceOf($accountId: ID!) { _staffServiceOf(accountId: $accountId) }";

/** Asks identity (as the system caller) which service an account is staff of; identity down is said as such. */
async function staffServiceOf(ctx: Ctx, accountId: string): Promise<string | null> {
  try {
    const data = await ctx.internal.request<{ _staffServiceOf: string | null }>(
      "identity",
      STAFF_SERVICE_OF,
      {
        accountId,
      },
    );
    return data._staffServiceOf;
  } catch (error) {
    if (error instanceof InternalCallError) throw upstreamUnavailable("identity");
    throw error;
  }
}

export const mutationResolvers = {
  async submitReport(_: unknown, args: { input: unknown }, ctx: Ctx) {
    const command = parseSubmitInput(args.input, ctx.loaders.settings);
    const { settings } = ctx.loaders;
    // The address base down is UPSTREAM_UNAVAILABLE (retryable); the directory down is not an error (see below).
    const outcome = await submitReport(command, actorOf(ctx), {
      store: ctx.loaders.store,
      locator: ctx.loaders.locator,
      geocoder: ctx.loaders.geocoder,
      geocoderMinScore: settings.geocoder.minScore,
      now: () => new Date(),
      newId,
      newToken: newTrackingToken,
      duplicateRadiusMeters: settings.duplicateRadiusMeters,
      duplicateMaxAgeDays: settings.duplicateMaxAgeDays,
      onLocatorFailure: (error) =>
        ctx.log.warn({ error: (error as Error).name }, "locator unavailable: report routed by category"),
    }).catch((error: unknown) => {
      throw toGraphQLError(error);
    });
    switch (outcome.kind) {
      case "submitted":
        recordParticipation("report");
        ctx.loaders.report.prime(outcome.report.id, outcome.report);
        return {
          __typename: "ReportSubmitted",
          report: outcome.report,
          trackingToken: outcome.report.trackingToken,
          similarReports: outcome.similar,
        };
      case "address_not_located":
        return {
          __typename: "AddressNotLocated",
          message:
            outcome.reason === "ambiguous"
              ? `Adresse ambiguë : précisez la commune ou le code postal (${outcome.candidates.join(" ; ")}).`
              : "Adresse introuvable dans la Base Adresse Nationale : vérifiez-la, ou donnez la position.",
          candidates: outcome.candidates,
        };
      case "outside_territory":
        return {
          __typename: "OutsideTerritory",
          message: "Ce lieu est hors du territoire de l'Eurométropole de Strasbourg.",
        };
      case "unknown_category":
        return {
          __typename: "UnknownCategory",
          message: `Aucune catégorie de signalement ne porte le code « ${outcome.code} ».`,
          code: outcome.code,
        };
      case "invalid_attributes":
        return {
          __typename: "InvalidAttributes",
          message: "Certaines réponses aux questions de la catégorie ne conviennent pas.",
          problems: outcome.problems,
        };
      case "sign_in_required":
        return {
          __typename: "SignInRequired",
          message: "Cette catégorie n'accepte pas les signalements anonymes : connectez-vous pour signaler.",
        };
      case "photo_unavailable":
        return {
          __typename: "PhotoUnavailable",
          message: "Une photo n'est plus disponible : envoyez-la de nouveau.",
          uploadIds: outcome.uploadIds,
        };
    }
  },

  async commentReport(_: unknown, args: { input: unknown }, ctx: Ctx) {
    const command = parseOrThrow(commentInputSchema(ctx.loaders.settings), args.input, "input");
    const actor = actorOf(ctx);
    if (actor.kind !== "partner" || !actor.partnerClientId)
      throw badUserInput("Réservé aux services partenaires.");
    const outcome = await commentReport(
      command,
      { ...actor, kind: "partner", partnerClientId: actor.partnerClientId },
      { ...staffDeps(ctx), photosPerReport: ctx.loaders.settings.photosPerReport },
    );
    if (outcome.kind === "not_found") return NOT_FOUND;
    if (outcome.kind === "photo_unavailable") {
      return {
        __typename: "PhotoUnavailable",
        message: `Photos inutilisables (inconnues, déjà jointes, expirées, d'un autre envoi, ou au-delà de ${ctx.loaders.settings.photosPerReport} par signalement).`,
        uploadIds: outcome.uploadIds,
      };
    }
    return {
      __typename: "ReportCommented",
      entryId: outcome.entryId,
      duplicate: outcome.duplicate,
      report: outcome.report,
    };
  },

  async supportReport(_: unknown, args: { reportId: string }, ctx: Ctx) {
    const reportId = requireUuid(args.reportId, "reportId");
    const accountId = ctx.caller.accountId;
    if (!accountId) throw badUserInput("Un compte personnel est nécessaire.");
    const outcome = await supportReport(reportId, { ...actorOf(ctx), accountId }, staffDeps(ctx));
    switch (outcome.kind) {
      case "supported":
        return { __typename: "ReportSupported", report: outcome.report };
      case "already":
        return {
          __typename: "AlreadySupported",
          message: "Vous soutenez déjà ce signalement.",
          report: outcome.report,
        };
      case "own_report":
        return { __typename: "OwnReport", message: "Vous ne pouvez pas soutenir votre propre signalement." };
      case "closed":
        return closed(outcome.report);
      case "not_found":
        return NOT_FOUND;
    }
  },

  async changeReportStatus(
    _: unknown,
    args: {
      input: {
        reportId: string;
        status: ReportStatus;
        note?: string | null;
        internalNote?: string | null;
        reason?: string | null;
        expectedResolutionAt?: Date | null;
      };
    },
    ctx: Ctx,
  ) {
    const { input } = args;
    const command = {
      reportId: requireUuid(input.reportId, "input.reportId"),
      status: input.status,
      note: parseOrThrow(StaffNoteSchema, input.note, "input.note"),
      internalNote: parseOrThrow(StaffNoteSchema, input.internalNote, "input.internalNote"),
      reason: parseOrThrow(ReasonSchema, input.reason, "input.reason"),
      expectedResolutionAt: input.expectedResolutionAt ?? null,
    };
    const outcome = await changeReportStatus(command, actorOf(ctx), staffDeps(ctx));
    switch (outcome.kind) {
      case "changed":
        ctx.loaders.report.clear(outcome.report.id).prime(outcome.report.id, outcome.report);
        return { __typename: "ReportStatusChanged", report: outcome.report };
      case "invalid_transition":
        return {
          __typename: "InvalidStatusTransition",
          message:
            outcome.to === "duplicate"
              ? "Pour marquer un doublon, utilisez la fusion (mergeReports)."
              : `Impossible de passer de « ${STATUS_LABELS[outcome.from]} » à « ${STATUS_LABELS[outcome.to]} ».`,
          from: outcome.from,
          to: outcome.to,
        };
      case "reason_required":
        return {
          __typename: "ReasonRequired",
          message: "Un motif est obligatoire pour refuser ou réorienter.",
        };
      case "not_in_queue":
        return notInQueue(outcome.serviceCode);
      case "not_found":
        return NOT_FOUND;
    }
  },

  async rerouteReport(
    _: unknown,
    args: {
      input: { reportId: string; serviceCode: string; note?: string | null; internalNote?: string | null };
    },
    ctx: Ctx,
  ) {
    const { input } = args;
    const outcome = await rerouteReport(
      {
        reportId: requireUuid(input.reportId, "input.reportId"),
        serviceCode: parseOrThrow(z.string().trim().min(1).max(64), input.serviceCode, "input.serviceCode"),
        note: parseOrThrow(StaffNoteSchema, input.note, "input.note"),
        internalNote: parseOrThrow(StaffNoteSchema, input.internalNote, "input.internalNote"),
      },
      actorOf(ctx),
      staffDeps(ctx),
    );
    switch (outcome.kind) {
      case "rerouted":
        ctx.loaders.report.clear(outcome.report.id).prime(outcome.report.id, outcome.report);
        return { __typename: "ReportRerouted", report: outcome.report };
      case "unknown_service":
        return {
          __typename: "UnknownService",
          message: `Aucun service ne porte le code « ${outcome.code} ».`,
          code: outcome.code,
        };
      case "closed":
        return closed(outcome.report);
      case "not_in_queue":
        return notInQueue(outcome.serviceCode);
      case "not_found":
        return NOT_FOUND;
    }
  },

  async mergeReports(
    _: unknown,
    args: { input: { duplicateId: string; intoId: string; note?: string | null } },
    ctx: Ctx,
  ) {
    const { input } = args;
    const outcome = await mergeReports(
      {
        duplicateId: requireUuid(input.duplicateId, "input.duplicateId"),
        intoId: requireUuid(input.intoId, "input.intoId"),
        note: parseOrThrow(StaffNoteSchema, input.note, "input.note"),
      },
      actorOf(ctx),
      staffDeps(ctx),
    );
    switch (outcome.kind) {
      case "merged":
        for (const report of [outcome.duplicate, outcome.into])
          ctx.loaders.report.clear(report.id).prime(report.id, report);
        return { __typename: "ReportsMerged", duplicate: outcome.duplicate, into: outcome.into };
      case "cannot_merge":
        return { __typename: "CannotMerge", message: outcome.message };
      case "not_in_queue":
        return notInQueue(outcome.serviceCode);
      case "not_found":
        return NOT_FOUND;
    }
  },

  async assignReport(
    _: unknown,
    args: { input: { reportId: string; assigneeId?: string | null } },
    ctx: Ctx,
  ) {
    const { input } = args;
    const assigneeId = input.assigneeId ? requireUuid(input.assigneeId, "input.assigneeId") : null;
    const outcome = await assignReport(
      { reportId: requireUuid(input.reportId, "input.reportId"), assigneeId },
      actorOf(ctx),
      { ...staffDeps(ctx), staffServiceOf: (accountId) => staffServiceOf(ctx, accountId) },
    );
    switch (outcome.kind) {
      case "assigned":
        ctx.loaders.report.clear(outcome.report.id).prime(outcome.report.id, outcome.report);
        return { __typename: "ReportAssigned", report: outcome.report };
      case "closed":
        return closed(outcome.report);
      case "not_in_queue":
        return notInQueue(outcome.serviceCode);
      case "assignee_not_in_service":
        return {
          __typename: "AssigneeNotInService",
          message: "La personne désignée n'est pas agent du service responsable de ce signalement.",
          serviceCode: outcome.serviceCode,
        };
      case "not_found":
        return NOT_FOUND;
    }
  },

  async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
    const counts = await ctx.loaders.store.eraseAccount(requireUuid(args.accountId, "accountId"));
    return { subgraph: "reports", ...counts };
  },

  /** Retention convention: contact details are needed to answer the reporter, not once the report is closed. */
  async _applyRetention(_: unknown, __: unknown, ctx: Ctx) {
    const { contactRetentionDays } = ctx.loaders.settings;
    const before = new Date(Date.now() - contactRetentionDays * 86_400_000);
    const removed = await ctx.loaders.store.deleteContactsClosedBefore(before);
    return [
      { subgraph: "reports", rule: `reporter_contacts_${contactRetentionDays}_days_after_closure`, removed },
    ];
  },

  async _registerReportPhotoUpload(
    _: unknown,
    args: {
      input: {
        id: string;
        mediaType: string;
        byteSize: number;
        width: number;
        height: number;
        sha256: string;
        uploaderAccountId?: string | null;
        uploaderClientId?: string | null;
      };
    },
    ctx: Ctx,
  ) {
    const { input } = args;
    const schema = z.object({
      id: z.uuid(),
      mediaType: z.enum(["image/jpeg", "image/png"]),
      byteSize: z.number().int().positive(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      uploaderAccountId: z.uuid().nullish(),
      uploaderClientId: z.string().max(200).nullish(),
    });
    const photo = parseOrThrow(schema, input, "input");
    const now = new Date();
    await ctx.loaders.store.registerPhoto({
      ...photo,
      uploaderAccountId: photo.uploaderAccountId ?? null,
      uploaderClientId: photo.uploaderClientId ?? null,
      reportId: null,
      position: 0,
      expiresAt: new Date(now.getTime() + ctx.loaders.settings.uploadTtlSeconds * 1000),
      createdAt: now,
    });
    return photo.id;
  },

  _purgeExpiredReportPhotoUploads: (_: unknown, __: unknown, ctx: Ctx) =>
    ctx.loaders.store.purgeExpiredPhotos(new Date()),

  _discardReportPhotoUploads: (_: unknown, args: { ids: unknown }, ctx: Ctx) =>
    ctx.loaders.store.discardUnattachedPhotos(parseOrThrow(z.array(z.uuid()).max(100), args.ids, "ids")),
};
