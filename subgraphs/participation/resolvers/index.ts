// Participation resolvers: thin — check arguments, call a domain command or a loader, map the result to the schema
// (a command's problem becomes the problem type of the same name).

import { z } from "zod";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import { addProjectStep } from "../domain/addProjectStep.ts";
import { advanceParticipation } from "../domain/advanceParticipation.ts";
import { closeConsultation } from "../domain/closeConsultation.ts";
import { type CreateConsultationInput, createConsultation } from "../domain/createConsultation.ts";
import { type CreateProjectInput, createProject } from "../domain/createProject.ts";
import { linkProject } from "../domain/linkProject.ts";
import type { ConsultationStatus, LinkKind } from "../domain/model.ts";
import { publishResults } from "../domain/publishResults.ts";
import type { AnswerInput } from "../domain/questionnaire.ts";
import { type ReactionKind, react } from "../domain/react.ts";
import { respond } from "../domain/respond.ts";
import { reviewTexts, type TextDecision } from "../domain/reviewTexts.ts";
import { setCommentsOpen } from "../domain/setCommentsOpen.ts";
import type { StepInput } from "../domain/timeline.ts";
import { enumResolvers } from "./enums.ts";
import { observatoryResolvers } from "./observatory.ts";
import {
  type Ctx,
  commandContext,
  ListKeySchema,
  listKey,
  parseBox,
  requireUuid,
  seesUnpublished,
  toUnion,
} from "./shared.ts";
import { typeResolvers, visibleConsultation } from "./types.ts";

const ReviewKeySchema = z.tuple([z.iso.datetime({ offset: true }), z.uuid(), z.string().max(100)]);

/** Answers arrive typed by GraphQL; their number is bounded here (a questionnaire has 50 questions at most). */
function answersArgument(answers: AnswerInput[]): AnswerInput[] {
  if (answers.length > 100) throw badUserInput("Trop de réponses.", { argument: "answers" });
  for (const answer of answers)
    if ((answer.optionIds?.length ?? 0) > 100) throw badUserInput("Trop d'options.", { argument: "answers" });
  return answers;
}

async function respondResult(
  args: { consultationId: string; answers: AnswerInput[]; quartierId?: string | null },
  edit: boolean,
  ctx: Ctx,
) {
  const consultationId = requireUuid(args.consultationId, "consultationId");
  const quartierId = args.quartierId ? requireUuid(args.quartierId, "quartierId") : null;
  const result = await respond(
    { consultationId, answers: answersArgument(args.answers), quartierId, edit },
    commandContext(ctx),
  );
  if ("response" in result) {
    ctx.loaders.responseCount.clear(consultationId);
    return {
      __typename: "ResponseRecorded",
      response: result.response,
      consultation: await ctx.loaders.consultation.load(consultationId),
    };
  }
  return toUnion(result, "ResponseRecorded");
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  ...enumResolvers,
  ...typeResolvers,
  ObservatoryReferralStatus: observatoryResolvers.ObservatoryReferralStatus,
  ObservatoryReferrerKind: observatoryResolvers.ObservatoryReferrerKind,
  ObservatoryReferral: observatoryResolvers.ObservatoryReferral,
  PersonalDataExport: {
    // Only the person's own export: the key is checked against the caller, never trusted.
    __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
      ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
    async participation(ref: { accountId: string }, _: unknown, ctx: Ctx) {
      const [data, observatoryReferrals] = await Promise.all([
        ctx.loaders.store.exportAccount(ref.accountId),
        ctx.loaders.referrals.exportAccount(ref.accountId),
      ]);
      return { ...data, observatoryReferrals };
    },
  },
  Query: {
    ...observatoryResolvers.Query,
    async projects(_: unknown, args: PageArgs & { quartierId?: string | null }, ctx: Ctx) {
      const page = parsePage(args, ListKeySchema);
      const filter = args.quartierId ? { quartierId: requireUuid(args.quartierId, "quartierId") } : {};
      const rows = await ctx.loaders.store.listProjects(filter, page.first + 1, page.after);
      return toConnection(rows, page.first, listKey);
    },
    project: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.project.load(requireUuid(args.id, "id")),
    async consultations(
      _: unknown,
      args: PageArgs & { status?: ConsultationStatus | null; projectId?: string | null },
      ctx: Ctx,
    ) {
      const page = parsePage(args, ListKeySchema);
      const rows = await ctx.loaders.store.listConsultations(
        {
          ...(args.status ? { status: args.status } : {}),
          ...(args.projectId ? { projectId: requireUuid(args.projectId, "projectId") } : {}),
          includeUnpublished: seesUnpublished(ctx),
          now: ctx.loaders.now,
        },
        page.first + 1,
        page.after,
      );
      return toConnection(rows, page.first, listKey);
    },
    async consultation(_: unknown, args: { id: string }, ctx: Ctx) {
      return visibleConsultation(await ctx.loaders.consultation.load(requireUuid(args.id, "id")), ctx);
    },
    async textAnswersForReview(
      _: unknown,
      args: PageArgs & { consultationId: string; pendingOnly?: boolean | null },
      ctx: Ctx,
    ) {
      const page = parsePage(args, ReviewKeySchema);
      const consultationId = requireUuid(args.consultationId, "consultationId");
      const rows = await ctx.loaders.store.textAnswersForReview(
        consultationId,
        args.pendingOnly ?? true,
        page.first + 1,
        page.after,
      );
      return toConnection(rows, page.first, (row) => [
        row.updatedAt.toISOString(),
        row.responseId,
        row.questionId,
      ]);
    },
    async _participationMapFeatures(_: unknown, args: Record<string, unknown>, ctx: Ctx) {
      const { limit, ...box } = parseBox(args);
      const projects = await ctx.loaders.store.projectsInBox(box, limit);
      return {
        type: "FeatureCollection",
        features: projects.flatMap((project) =>
          project.places.slice(0, 1).map((place) => ({
            type: "Feature",
            id: project.id,
            geometry: { type: "Point", coordinates: [place.lon, place.lat] },
            properties: { id: project.id, title: project.title, place: place.name },
          })),
        ),
      };
    },
  },
  Mutation: {
    ...observatoryResolvers.Mutation,
    async createProject(_: unknown, args: { input: CreateProjectInput }, ctx: Ctx) {
      return toUnion(await createProject(args.input, commandContext(ctx)), "ProjectCreated");
    },
    async addProjectStep(_: unknown, args: { projectId: string; input: StepInput }, ctx: Ctx) {
      const projectId = requireUuid(args.projectId, "projectId");
      return toUnion(await addProjectStep(projectId, args.input, commandContext(ctx)), "ProjectStepAdded");
    },
    async linkProject(_: unknown, args: { projectId: string; kind: LinkKind; targetId: string }, ctx: Ctx) {
      const projectId = requireUuid(args.projectId, "projectId");
      const targetId = requireUuid(args.targetId, "targetId");
      return toUnion(await linkProject(projectId, args.kind, targetId, commandContext(ctx)), "ProjectLinked");
    },
    async createConsultation(_: unknown, args: { input: CreateConsultationInput }, ctx: Ctx) {
      const input = args.input;
      if (input.projectId) requireUuid(input.projectId, "input.projectId");
      return toUnion(await createConsultation(input, commandContext(ctx)), "ConsultationCreated");
    },
    respondToConsultation: (
      _: unknown,
      args: { consultationId: string; answers: AnswerInput[]; quartierId?: string | null },
      ctx: Ctx,
    ) => respondResult(args, false, ctx),
    editConsultationResponse: (
      _: unknown,
      args: { consultationId: string; answers: AnswerInput[]; quartierId?: string | null },
      ctx: Ctx,
    ) => respondResult(args, true, ctx),
    async reactToConsultation(
      _: unknown,
      args: { consultationId: string; reaction?: ReactionKind | null },
      ctx: Ctx,
    ) {
      const consultationId = requireUuid(args.consultationId, "consultationId");
      const result = await react(consultationId, args.reaction ?? null, commandContext(ctx));
      if ("problem" in result) return toUnion(result, "ReactionRecorded");
      return {
        __typename: "ReactionRecorded",
        reaction: result.reaction,
        consultation: await ctx.loaders.consultation.load(consultationId),
      };
    },
    async reviewTextAnswers(
      _: unknown,
      args: { consultationId: string; decisions: TextDecision[] },
      ctx: Ctx,
    ) {
      const consultationId = requireUuid(args.consultationId, "consultationId");
      for (const decision of args.decisions)
        if (!isUuid(decision.responseId) || !isUuid(decision.questionId))
          throw badUserInput("Identifiant invalide.", { argument: "decisions" });
      return toUnion(
        await reviewTexts(consultationId, args.decisions, commandContext(ctx)),
        "TextAnswersReviewed",
      );
    },
    async publishConsultationResults(
      _: unknown,
      args: { consultationId: string; synthesis: string; cityAnswer: string },
      ctx: Ctx,
    ) {
      const consultationId = requireUuid(args.consultationId, "consultationId");
      return toUnion(
        await publishResults({ ...args, consultationId }, commandContext(ctx)),
        "ResultsPublished",
      );
    },
    async setProjectCommentsOpen(_: unknown, args: { projectId: string; open: boolean }, ctx: Ctx) {
      const id = requireUuid(args.projectId, "projectId");
      const result = await setCommentsOpen("project", id, args.open, commandContext(ctx));
      if ("problem" in result) return toUnion(result, "ProjectCommentsOpenSet");
      ctx.loaders.project.clear(id);
      return { __typename: "ProjectCommentsOpenSet", project: await ctx.loaders.project.load(id) };
    },
    async setConsultationCommentsOpen(_: unknown, args: { consultationId: string; open: boolean }, ctx: Ctx) {
      const id = requireUuid(args.consultationId, "consultationId");
      const result = await setCommentsOpen("consultation", id, args.open, commandContext(ctx));
      if ("problem" in result) return toUnion(result, "ConsultationCommentsOpenSet");
      ctx.loaders.consultation.clear(id);
      return {
        __typename: "ConsultationCommentsOpenSet",
        consultation: await ctx.loaders.consultation.load(id),
      };
    },
    async closeConsultation(_: unknown, args: { id: string }, ctx: Ctx) {
      const id = requireUuid(args.id, "id");
      return toUnion(await closeConsultation(id, commandContext(ctx)), "ConsultationClosed");
    },
    async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
      const accountId = requireUuid(args.accountId, "accountId");
      const counts = await ctx.loaders.store.eraseAccount(accountId);
      // Referrals to the Observatory stay public, without their referrer (nor the staff member who answered).
      counts.pseudonymised += await ctx.loaders.referrals.eraseAccount(accountId);
      ctx.log.info(counts, "participation data of an account erased");
      return { subgraph: "participation", ...counts };
    },
    /** Retention (PARTICIPATION_*_RETENTION_DAYS): who answered or referred is forgotten; what they said stays. */
    async _applyRetention(_: unknown, __: unknown, ctx: Ctx) {
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
      return [
        {
          subgraph: "participation",
          rule: "closed_consultation_respondents",
          removed: await ctx.loaders.store.forgetRespondents(
            daysAgo(ctx.config.PARTICIPATION_RESPONDENT_RETENTION_DAYS),
          ),
        },
        {
          subgraph: "participation",
          rule: "answered_referral_referrers",
          removed: await ctx.loaders.referrals.forgetReferrers(
            daysAgo(ctx.config.PARTICIPATION_REFERRER_RETENTION_DAYS),
          ),
        },
      ];
    },
    _advanceParticipation: (_: unknown, __: unknown, ctx: Ctx) =>
      advanceParticipation(ctx.loaders.store, new Date()),
  },
};
