// Budget permissions. Campaigns, projects, results and the ballot ledger are public (transparency), to anyone but
// a partner service without the `budget:read` scope. Submitting and voting need a person; every staff action needs
// staff; a review's reviewer and internal note are staff-only. A ballot is only ever shown to its own voter.
// __resolveReference is not wrapped by shield: the resolvers check `canReadBudget` themselves.
import type { IRules } from "graphql-shield";
import type { Caller } from "../../platform/caller.ts";
import type { SubgraphContext } from "../../platform/context.ts";
import { forbidden, unauthenticated } from "../../platform/errors.ts";
import { allow, isAuthenticated, isStaff, isSystem, rule } from "../../platform/permissions.ts";

export const BUDGET_READ_SCOPE = "budget:read";

export function canReadBudget(caller: Caller): boolean {
  return caller.kind !== "partner" || caller.scopes.includes(BUDGET_READ_SCOPE);
}

const canRead = rule({ cache: "contextual" })((_parent, _args, ctx: SubgraphContext) =>
  canReadBudget(ctx.caller) ? true : forbidden("Ce service partenaire n'a pas accès au budget participatif."),
);

/** A person (resident or staff member) with an account: the only ones who submit projects and vote. */
const isPerson = rule({ cache: "contextual" })((_parent, _args, ctx: SubgraphContext) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  const person =
    (ctx.caller.kind === "citizen" || ctx.caller.kind === "staff") && ctx.caller.accountId !== null;
  return person ? true : forbidden("Seul un compte personnel peut participer.");
});

const PUBLIC_TYPES = [
  "BudgetCampaign",
  "BudgetSchedule",
  "BudgetEnvelope",
  "BudgetEligibilityRules",
  "BudgetEligibility",
  "BudgetPhaseChange",
  "BudgetProject",
  "BudgetStatusChange",
  "BudgetFollowUp",
  "BudgetMilestone",
  "BudgetNote",
  "BudgetResults",
  "BudgetEnvelopeResult",
  "BudgetProjectResult",
  "BudgetCampaignConnection",
  "BudgetCampaignEdge",
  "BudgetProjectConnection",
  "BudgetProjectEdge",
] as const;

/** Results of mutations, success and problems alike: the mutation's own rule already decided who gets them. */
const RESULT_TYPES = [
  "BudgetCampaignCreated",
  "BudgetProjectSubmitted",
  "BudgetProjectReviewed",
  "BudgetProjectsMerged",
  "BudgetPhaseAdvanced",
  "BallotCast",
  "BudgetProjectFollowedUp",
  "InvalidAmount",
  "InvalidSchedule",
  "InvalidEnvelopes",
  "UnknownQuartier",
  "NotEligible",
  "SubmissionClosed",
  "InvalidCost",
  "OverProjectCap",
  "NoEnvelopeForQuartier",
  "LocationOutsideEurometropole",
  "WrongPhase",
  "InvalidTransition",
  "InvalidMerge",
  "InvalidPhaseTransition",
  "PhaseDateNotReached",
  "PhasePreconditionFailed",
  "BallotLedgerMismatch",
  "VotingClosed",
  "AlreadyVoted",
  "EmptyBallot",
  "DuplicateProjects",
  "UnknownProjects",
  "IneligibleProjects",
  "OutOfEnvelope",
  "TooManyProjects",
  "OverBudget",
  "BelowMinimumShare",
  "IdempotencyKeyReused",
  "InvalidProgress",
  "UnknownMilestone",
] as const;

export const permissions: IRules = {
  Query: {
    budgetCampaigns: canRead,
    budgetCampaign: canRead,
    budgetProjects: canRead,
    budgetProject: canRead,
    budgetResults: canRead,
    myBallot: isPerson,
    _budgetMapFeatures: isSystem,
  },
  Mutation: {
    createBudgetCampaign: isStaff,
    submitBudgetProject: isPerson,
    reviewBudgetProject: isStaff,
    mergeBudgetProjects: isStaff,
    advanceBudgetPhase: isStaff,
    castBallot: isPerson,
    followUpBudgetProject: isStaff,
    _eraseAccountData: isSystem,
    _applyRetention: isSystem,
  },
  ...Object.fromEntries(PUBLIC_TYPES.map((type) => [type, canRead])),
  ...Object.fromEntries(RESULT_TYPES.map((type) => [type, allow])),
  BudgetReview: { "*": canRead, internalNote: isStaff, reviewer: isStaff },
  BudgetBallot: isPerson,
  Account: allow,
  Quartier: allow,
  GeoPoint: allow,
  // The shared ledger types are public; BudgetCampaign.ballotLedger, which returns them, is gated like the campaign.
  Ledger: allow,
  SignedTreeHead: allow,
  LedgerEntry: allow,
  InclusionProof: allow,
  ConsistencyProof: allow,
  PageInfo: allow,
  AccountErasure: isSystem,
  RetentionReport: isSystem,
  // Only the person's own export resolves (see its __resolveReference); its fields need a signed-in caller.
  PersonalDataExport: isAuthenticated,
};
