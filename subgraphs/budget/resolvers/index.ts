// Budget resolvers: thin — validate input with zod, call a domain command or a loader, map the result to the
// schema (a command's problem becomes the problem type PROBLEM_TYPES names).

import { z } from "zod";
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput, notFound, unauthenticated } from "../../../platform/errors.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { DateScalar, DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import { recordParticipation } from "../../../platform/telemetry/metrics.ts";
import { advancePhase } from "../domain/advancePhase.ts";
import { castBallot } from "../domain/castBallot.ts";
import { createCampaign } from "../domain/createCampaign.ts";
import { followUpProject } from "../domain/followUpProject.ts";
import { mergeProjects } from "../domain/mergeProjects.ts";
import type { Phase, ProjectStatus } from "../domain/model.ts";
import { isProblem, type Problem } from "../domain/problems.ts";
import { reviewProject } from "../domain/reviewProject.ts";
import { submitProject } from "../domain/submitProject.ts";
import { voterKey } from "../domain/voterKey.ts";
import type { BudgetLoaders } from "../loaders.ts";
import type { ProjectFilter } from "../ports/projectStore.ts";
import { enumResolvers } from "./enums.ts";
import {
  parseAdvanceArgs,
  parseBox,
  parseCampaignInput,
  parseCastArgs,
  parseFollowUpInput,
  parseMergeInput,
  parseReviewInput,
  parseSubmitInput,
  requireUuid,
} from "./inputs.ts";
import { PROBLEM_TYPES } from "./problemTypes.ts";
import { typeResolvers } from "./types.ts";

type Ctx = SubgraphContext<BudgetLoaders>;

const IdKeySchema = z.object({ id: z.uuid() });
const idKey = (row: { id: string }) => ({ id: row.id });

/** A command's outcome as a member of its result union; null (unknown id) is NOT_FOUND. */
function toUnion<T extends object>(result: T | Problem | null, success: string, what: string) {
  if (result === null) throw notFound(`${what} introuvable.`);
  if (isProblem(result)) {
    const { problem, ...details } = result;
    return { ...details, __typename: PROBLEM_TYPES[problem] };
  }
  return { ...result, __typename: success };
}

function projectFilter(filter: Record<string, unknown> | null | undefined, ctx: Ctx): ProjectFilter {
  if (!filter) return {};
  const search = typeof filter.search === "string" ? filter.search.trim() : "";
  if (search.length > 100)
    throw badUserInput("Recherche trop longue (100 caractères au plus).", { argument: "search" });
  if (filter.mine && !ctx.caller.accountId) throw unauthenticated("Connectez-vous pour voir vos projets.");
  return {
    ...(filter.campaignId ? { campaignId: requireUuid(filter.campaignId, "filter.campaignId") } : {}),
    ...(filter.envelopeId ? { envelopeId: requireUuid(filter.envelopeId, "filter.envelopeId") } : {}),
    ...(filter.quartierId ? { quartierId: requireUuid(filter.quartierId, "filter.quartierId") } : {}),
    ...(Array.isArray(filter.statuses) ? { statuses: filter.statuses as ProjectStatus[] } : {}),
    ...(filter.mine && ctx.caller.accountId ? { authorId: ctx.caller.accountId } : {}),
    ...(search ? { search } : {}),
  };
}

export const resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  JSON: JSONScalar,
  ...enumResolvers,
  ...typeResolvers,
  PersonalDataExport: {
    // Only the person's own export: the key is checked against the caller, never trusted.
    __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
      ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
    budget: (ref: { accountId: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.store.exportAccount(ref.accountId, (campaignId) =>
        voterKey(ctx.config.BUDGET_VOTER_KEY_SECRET, campaignId, ref.accountId),
      ),
  },
  Query: {
    async budgetCampaigns(
      _: unknown,
      args: { phase?: Phase | null; first?: number; after?: string },
      ctx: Ctx,
    ) {
      const page = parsePage(args, IdKeySchema);
      const { rows, total } = await ctx.loaders.store.listCampaigns(
        args.phase ? { phase: args.phase } : {},
        page,
      );
      return { ...toConnection(rows, page.first, idKey), totalCount: total };
    },
    budgetCampaign: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.campaign.load(requireUuid(args.id, "id")),
    async budgetProjects(
      _: unknown,
      args: { filter?: Record<string, unknown> | null; first?: number; after?: string },
      ctx: Ctx,
    ) {
      const page = parsePage(args, IdKeySchema);
      const { rows, total } = await ctx.loaders.store.listProjects(projectFilter(args.filter, ctx), page);
      return { ...toConnection(rows, page.first, idKey), totalCount: total };
    },
    budgetProject: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.project.load(requireUuid(args.id, "id")),
    async myBallot(_: unknown, args: { campaignId: string }, ctx: Ctx) {
      const campaignId = requireUuid(args.campaignId, "campaignId");
      if (!ctx.caller.accountId) return null;
      const key = voterKey(ctx.config.BUDGET_VOTER_KEY_SECRET, campaignId, ctx.caller.accountId);
      return ctx.loaders.store.ballotOf(campaignId, key);
    },
    async budgetResults(_: unknown, args: { campaignId: string }, ctx: Ctx) {
      const campaign = await ctx.loaders.campaign.load(requireUuid(args.campaignId, "campaignId"));
      return campaign?.resultsPublishedAt ? campaign : null;
    },
    async _budgetMapFeatures(_: unknown, args: Record<string, unknown>, ctx: Ctx) {
      const { limit, ...box } = parseBox(args);
      const projects = await ctx.loaders.store.projectsInBox(box, limit);
      return {
        type: "FeatureCollection",
        features: projects.map((project) => ({
          type: "Feature",
          id: project.id,
          geometry: { type: "Point", coordinates: [project.longitude, project.latitude] },
          properties: {
            id: project.id,
            title: project.title,
            status: project.status.toUpperCase(),
            campaign: project.campaignId,
          },
        })),
      };
    },
  },
  Mutation: {
    async createBudgetCampaign(_: unknown, args: { input: unknown }, ctx: Ctx) {
      const input = parseCampaignInput(args.input, ctx.config);
      const result = await createCampaign(input, {
        store: ctx.loaders.store,
        now: ctx.loaders.now(),
        quartierExists: ctx.loaders.quartierExists,
      });
      return toUnion(result, "BudgetCampaignCreated", "Campagne");
    },
    async submitBudgetProject(_: unknown, args: { input: unknown }, ctx: Ctx) {
      const input = parseSubmitInput(args.input, ctx.config);
      const result = await submitProject(ctx.caller, input, {
        store: ctx.loaders.store,
        now: ctx.loaders.now(),
        quartierExists: ctx.loaders.quartierExists,
      });
      return toUnion(result, "BudgetProjectSubmitted", "Campagne");
    },
    async reviewBudgetProject(_: unknown, args: { input: unknown }, ctx: Ctx) {
      const input = parseReviewInput(args.input, ctx.caller);
      const result = await reviewProject(ctx.caller, input, {
        store: ctx.loaders.store,
        now: ctx.loaders.now(),
      });
      return toUnion(result, "BudgetProjectReviewed", "Projet");
    },
    async mergeBudgetProjects(_: unknown, args: { input: unknown }, ctx: Ctx) {
      const input = parseMergeInput(args.input);
      const result = await mergeProjects(ctx.caller, input, {
        store: ctx.loaders.store,
        now: ctx.loaders.now(),
      });
      return toUnion(result, "BudgetProjectsMerged", "Projet");
    },
    async advanceBudgetPhase(_: unknown, args: { campaignId: string; to: Phase }, ctx: Ctx) {
      const input = parseAdvanceArgs(args);
      const result = await advancePhase(ctx.caller, input, {
        store: ctx.loaders.store,
        now: ctx.loaders.now(),
      });
      if (result && !isProblem(result)) ctx.loaders.campaign.clear(result.campaign.id);
      return toUnion(
        result && !isProblem(result)
          ? { campaign: await ctx.loaders.campaign.load(result.campaign.id) }
          : result,
        "BudgetPhaseAdvanced",
        "Campagne",
      );
    },
    async castBallot(_: unknown, args: unknown, ctx: Ctx) {
      const input = parseCastArgs(args);
      const result = await castBallot(ctx.caller, input, {
        store: ctx.loaders.store,
        voterKeySecret: ctx.config.BUDGET_VOTER_KEY_SECRET,
        now: ctx.loaders.now(),
      });
      const answer = toUnion(result, "BallotCast", "Campagne");
      if (answer.__typename === "BallotCast") recordParticipation("ballot");
      return answer;
    },
    async followUpBudgetProject(_: unknown, args: { input: unknown }, ctx: Ctx) {
      const input = parseFollowUpInput(args.input);
      const result = await followUpProject(ctx.caller, input, {
        store: ctx.loaders.store,
        now: ctx.loaders.now(),
      });
      return toUnion(result, "BudgetProjectFollowedUp", "Projet");
    },
    /**
     * Retention convention: the link between a person and their ballot serves `myBallot` and the one-ballot rule
     * while a campaign runs; some time after its vote closed (BUDGET_VOTER_LINK_RETENTION_DAYS) it is cut, the
     * ballots staying counted.
     */
    async _applyRetention(_: unknown, __: unknown, ctx: Ctx) {
      const days = ctx.config.BUDGET_VOTER_LINK_RETENTION_DAYS;
      const removed = await ctx.loaders.store.detachVotersOfCampaignsClosedBefore(
        new Date(ctx.loaders.now().getTime() - days * 86_400_000),
      );
      return [{ subgraph: "budget", rule: `ballot_voter_links_${days}_days_after_vote`, removed }];
    },
    async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
      const accountId = requireUuid(args.accountId, "accountId");
      const counts = await ctx.loaders.store.eraseAccount(accountId, (campaignId) =>
        voterKey(ctx.config.BUDGET_VOTER_KEY_SECRET, campaignId, accountId),
      );
      return { subgraph: "budget", ...counts };
    },
  },
};
