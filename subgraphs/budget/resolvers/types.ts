// Field resolvers of the budget's types: thin mappings from records to the schema, through the per-request loaders.
import type { SubgraphContext } from "../../../platform/context.ts";
import { forbidden } from "../../../platform/errors.ts";
import { ledgerView } from "../../../platform/ledger/index.ts";
import { ballotLogId, LEDGER_SCHEMA } from "../adapters/ballotLedgerStore.ts";
import { ineligibilityReasons } from "../domain/eligibility.ts";
import {
  ballotCost,
  type Campaign,
  type Envelope,
  type Project,
  type ProjectStatus,
} from "../domain/model.ts";
import { TIE_RULE } from "../domain/tally.ts";
import type { BudgetLoaders } from "../loaders.ts";
import { canReadBudget } from "../permissions.ts";
import type { Ballot } from "../ports/ballotStore.ts";
import type { PhaseChange } from "../ports/campaignStore.ts";
import type { Review, StatusChange } from "../ports/projectStore.ts";
import type { ResultRow } from "../ports/resultStore.ts";

type Ctx = SubgraphContext<BudgetLoaders>;

const FOLLOWED_UP: readonly ProjectStatus[] = [
  "selected",
  "in_progress",
  "completed",
  "suspended",
  "cancelled",
];

/** Shield does not wrap __resolveReference: entities check who asks themselves. */
function referenceAllowed(ctx: Ctx): void {
  if (!canReadBudget(ctx.caller))
    throw forbidden("Ce service partenaire n'a pas accès au budget participatif.");
}

export const typeResolvers = {
  BudgetCampaign: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      referenceAllowed(ctx);
      return ctx.loaders.campaign.load(ref.id);
    },
    schedule: (campaign: Campaign) => campaign,
    envelopes: (campaign: Campaign, _: unknown, ctx: Ctx) =>
      ctx.loaders.envelopesOfCampaign.load(campaign.id),
    eligibility: (campaign: Campaign) => ({
      residentRequired: campaign.requireResident,
      participationPactRequired: campaign.requirePact,
      minimumAge: campaign.minimumAge,
    }),
    myEligibility(campaign: Campaign, _: unknown, ctx: Ctx) {
      if (ctx.caller.kind === "anonymous") return null;
      const reasons = ineligibilityReasons(ctx.caller, campaign);
      return { eligible: reasons.length === 0, reasons };
    },
    phaseHistory: async (campaign: Campaign, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.phaseChanges.load(campaign.id)).map((change: PhaseChange) => ({
        from: change.fromPhase,
        to: change.toPhase,
        occurredAt: change.occurredAt,
      })),
    projectCount: (campaign: Campaign, _: unknown, ctx: Ctx) => ctx.loaders.projectCount.load(campaign.id),
    ballotCount: (campaign: Campaign, _: unknown, ctx: Ctx) => ctx.loaders.ballotCount.load(campaign.id),
    results: (campaign: Campaign) => (campaign.resultsPublishedAt ? campaign : null),
    ballotLedger: (campaign: Campaign, _: unknown, ctx: Ctx) =>
      ledgerView(ctx.db.prisma, LEDGER_SCHEMA, ballotLogId(campaign.id), ctx.loaders.signer),
  },
  BudgetEnvelope: {
    quartier: (envelope: Envelope) => (envelope.quartierId ? { id: envelope.quartierId } : null),
  },
  BudgetProject: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      referenceAllowed(ctx);
      return ctx.loaders.project.load(ref.id);
    },
    campaign: (project: Project, _: unknown, ctx: Ctx) => ctx.loaders.campaign.load(project.campaignId),
    envelope: (project: Project, _: unknown, ctx: Ctx) => ctx.loaders.envelope.load(project.envelopeId),
    quartier: (project: Project) => (project.quartierId ? { id: project.quartierId } : null),
    location: (project: Project) =>
      project.latitude !== null && project.longitude !== null
        ? { lat: project.latitude, lon: project.longitude }
        : null,
    costCents: (project: Project) => ballotCost(project),
    author: (project: Project) => (project.authorId ? { id: project.authorId } : null),
    async statusHistory(project: Project, _: unknown, ctx: Ctx) {
      // Merging keeps both histories: the duplicates' entries are shown with this project's own.
      const merged = await ctx.loaders.mergedInto.load(project.id);
      const histories = await Promise.all(
        [project, ...merged].map((source) => ctx.loaders.statusChanges.load(source.id)),
      );
      return histories
        .flat()
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : 1));
    },
    reviews: (project: Project, _: unknown, ctx: Ctx) => ctx.loaders.reviews.load(project.id),
    mergedInto: (project: Project, _: unknown, ctx: Ctx) =>
      project.mergedIntoId ? ctx.loaders.project.load(project.mergedIntoId) : null,
    mergedProjects: (project: Project, _: unknown, ctx: Ctx) => ctx.loaders.mergedInto.load(project.id),
    result: async (project: Project, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.resultOfProject.load(project.id))[0] ?? null,
    followUp: (project: Project) => (FOLLOWED_UP.includes(project.status) ? project : null),
    submittedAt: (project: Project) => project.createdAt,
  },
  BudgetStatusChange: {
    project: (change: StatusChange, _: unknown, ctx: Ctx) => ctx.loaders.project.load(change.projectId),
    from: (change: StatusChange) => change.fromStatus,
    to: (change: StatusChange) => change.toStatus,
  },
  BudgetReview: {
    reviewer: (review: Review) => (review.reviewerId ? { id: review.reviewerId } : null),
  },
  BudgetFollowUp: {
    progressPercent: (project: Project) => project.progressPercent ?? 0,
    finalCostCents: (project: Project) => project.finalCostCents,
    milestones: (project: Project, _: unknown, ctx: Ctx) => ctx.loaders.milestones.load(project.id),
    notes: (project: Project, _: unknown, ctx: Ctx) => ctx.loaders.notes.load(project.id),
  },
  BudgetResults: {
    campaign: (campaign: Campaign) => campaign,
    publishedAt: (campaign: Campaign) => campaign.resultsPublishedAt,
    ballotCount: (campaign: Campaign) => campaign.resultsBallotCount ?? 0,
    ledgerSize: (campaign: Campaign) => campaign.resultsLedgerSize ?? 0,
    ledgerRootHash: (campaign: Campaign) => campaign.resultsLedgerRoot ?? "",
    tieRule: () => TIE_RULE,
    async envelopes(campaign: Campaign, _: unknown, ctx: Ctx) {
      const [envelopes, rows] = await Promise.all([
        ctx.loaders.envelopesOfCampaign.load(campaign.id),
        ctx.loaders.resultsOfCampaign.load(campaign.id),
      ]);
      const winners = rows.filter((row) => row.selected);
      const projects = await Promise.all(winners.map((row) => ctx.loaders.project.load(row.projectId)));
      const cost = new Map(
        projects.flatMap((project) => (project ? [[project.id, ballotCost(project)]] : [])),
      );
      return envelopes.map((envelope) => {
        const own = rows.filter((row) => row.envelopeId === envelope.id).sort((a, b) => a.rank - b.rank);
        const allocated = own
          .filter((row) => row.selected)
          .reduce((sum, row) => sum + (cost.get(row.projectId) ?? 0), 0);
        return {
          envelope,
          allocatedCents: allocated,
          remainingCents: envelope.amountCents - allocated,
          projects: own,
        };
      });
    },
  },
  BudgetProjectResult: {
    project: (row: ResultRow, _: unknown, ctx: Ctx) => ctx.loaders.project.load(row.projectId),
  },
  BudgetBallot: {
    ledgerIndex: async (ballot: Ballot, _: unknown, ctx: Ctx) =>
      ballot.ledgerIndex ?? (await ctx.loaders.store.ledgerIndexOf(ballot.campaignId, ballot.ledgerToken)),
    campaign: (ballot: Ballot, _: unknown, ctx: Ctx) => ctx.loaders.campaign.load(ballot.campaignId),
    projects: (ballot: Ballot, _: unknown, ctx: Ctx) =>
      Promise.all(ballot.projectIds.map((id) => ctx.loaders.project.load(id))),
  },
};
