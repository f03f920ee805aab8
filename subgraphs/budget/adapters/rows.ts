// Rows → domain records. Prisma returns the model's field names; raw SQL selects the same names with aliases
// (see SELECT_CAMPAIGN / SELECT_PROJECT), so one mapper serves both.
import type {
  BallotScope,
  BallotStyle,
  Campaign,
  Envelope,
  Phase,
  Project,
  ProjectStatus,
  ResultReason,
  ReviewDecision,
  ReviewKind,
} from "../domain/model.ts";
import type { Ballot } from "../ports/ballotStore.ts";
import type { PhaseChange } from "../ports/campaignStore.ts";
import type { Review, StatusChange } from "../ports/projectStore.ts";
import type { ResultRow } from "../ports/resultStore.ts";

type Row = Record<string, unknown>;

export const SELECT_CAMPAIGN = `id::text AS id, title, description, total_budget_cents AS "totalBudgetCents",
  project_cap_cents AS "projectCapCents", phase, submission_starts_at AS "submissionStartsAt",
  submission_ends_at AS "submissionEndsAt", voting_starts_at AS "votingStartsAt", voting_ends_at AS "votingEndsAt",
  ballot_scope AS "ballotScope", ballot_changeable AS "ballotChangeable", require_resident AS "requireResident",
  require_pact AS "requirePact", minimum_age AS "minimumAge", results_published_at AS "resultsPublishedAt",
  results_ballot_count AS "resultsBallotCount", results_ledger_size AS "resultsLedgerSize",
  results_ledger_root AS "resultsLedgerRoot", created_at AS "createdAt"`;

export const SELECT_PROJECT = `id::text AS id, campaign_id::text AS "campaignId", envelope_id::text AS "envelopeId",
  author_id::text AS "authorId", title, description, quartier_id::text AS "quartierId", latitude, longitude,
  estimated_cost_cents AS "estimatedCostCents", reviewed_cost_cents AS "reviewedCostCents", links, status,
  merged_into_id::text AS "mergedIntoId", progress_percent AS "progressPercent", final_cost_cents AS "finalCostCents",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export const SELECT_BALLOT = `id::text AS id, campaign_id::text AS "campaignId", voter_key AS "voterKey",
  ledger_token AS "ledgerToken", project_ids::text[] AS "projectIds", total_cost_cents AS "totalCostCents", revision,
  cast_at AS "castAt", updated_at AS "updatedAt"`;

const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
const dateOrNull = (value: unknown) => (value === null || value === undefined ? null : date(value));
const intOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export function toCampaign(row: Row): Campaign {
  return {
    id: String(row.id),
    title: String(row.title),
    description: String(row.description),
    totalBudgetCents: Number(row.totalBudgetCents),
    projectCapCents: Number(row.projectCapCents),
    phase: row.phase as Phase,
    submissionStartsAt: date(row.submissionStartsAt),
    submissionEndsAt: date(row.submissionEndsAt),
    votingStartsAt: date(row.votingStartsAt),
    votingEndsAt: date(row.votingEndsAt),
    ballotScope: row.ballotScope as BallotScope,
    ballotChangeable: Boolean(row.ballotChangeable),
    requireResident: Boolean(row.requireResident),
    requirePact: Boolean(row.requirePact),
    minimumAge: intOrNull(row.minimumAge),
    resultsPublishedAt: dateOrNull(row.resultsPublishedAt),
    resultsBallotCount: intOrNull(row.resultsBallotCount),
    resultsLedgerSize: intOrNull(row.resultsLedgerSize),
    resultsLedgerRoot: (row.resultsLedgerRoot as string | null) ?? null,
    createdAt: date(row.createdAt),
  };
}

export function toEnvelope(row: Row): Envelope {
  return {
    id: String(row.id),
    campaignId: String(row.campaignId),
    quartierId: (row.quartierId as string | null) ?? null,
    label: String(row.label),
    amountCents: Number(row.amountCents),
    ballotStyle: row.ballotStyle as BallotStyle,
    maxProjects: intOrNull(row.maxProjects),
    minimumSharePercent: intOrNull(row.minimumSharePercent),
    position: Number(row.position),
  };
}

export function toProject(row: Row): Project {
  return {
    id: String(row.id),
    campaignId: String(row.campaignId),
    envelopeId: String(row.envelopeId),
    authorId: (row.authorId as string | null) ?? null,
    title: String(row.title),
    description: String(row.description),
    quartierId: (row.quartierId as string | null) ?? null,
    latitude: row.latitude === null || row.latitude === undefined ? null : Number(row.latitude),
    longitude: row.longitude === null || row.longitude === undefined ? null : Number(row.longitude),
    estimatedCostCents: Number(row.estimatedCostCents),
    reviewedCostCents: intOrNull(row.reviewedCostCents),
    links: (row.links as string[] | null) ?? [],
    status: row.status as ProjectStatus,
    mergedIntoId: (row.mergedIntoId as string | null) ?? null,
    progressPercent: intOrNull(row.progressPercent),
    finalCostCents: intOrNull(row.finalCostCents),
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
  };
}

export function toBallot(row: Row): Ballot {
  return {
    id: String(row.id),
    campaignId: String(row.campaignId),
    voterKey: String(row.voterKey),
    ledgerToken: String(row.ledgerToken),
    projectIds: (row.projectIds as string[] | null) ?? [],
    totalCostCents: Number(row.totalCostCents),
    revision: Number(row.revision),
    castAt: date(row.castAt),
    updatedAt: date(row.updatedAt),
  };
}

export function toStatusChange(row: Row): StatusChange {
  return {
    id: String(row.id),
    projectId: String(row.projectId),
    fromStatus: (row.fromStatus as ProjectStatus | null) ?? null,
    toStatus: row.toStatus as ProjectStatus,
    reason: (row.reason as string | null) ?? null,
    actorId: (row.actorId as string | null) ?? null,
    occurredAt: date(row.occurredAt),
  };
}

export function toReview(row: Row): Review {
  return {
    id: String(row.id),
    projectId: String(row.projectId),
    kind: row.kind as ReviewKind,
    decision: row.decision as ReviewDecision,
    service: String(row.service),
    justification: String(row.justification),
    costEstimateCents: intOrNull(row.costEstimateCents),
    internalNote: (row.internalNote as string | null) ?? null,
    reviewerId: (row.reviewerId as string | null) ?? null,
    reviewedAt: date(row.reviewedAt),
  };
}

export function toPhaseChange(row: Row): PhaseChange {
  return {
    id: String(row.id),
    campaignId: String(row.campaignId),
    fromPhase: row.fromPhase as Phase,
    toPhase: row.toPhase as Phase,
    actorId: (row.actorId as string | null) ?? null,
    occurredAt: date(row.occurredAt),
  };
}

export function toResult(row: Row): ResultRow {
  return {
    id: String(row.id),
    campaignId: String(row.campaignId),
    envelopeId: String(row.envelopeId),
    projectId: String(row.projectId),
    votes: Number(row.votes),
    rank: Number(row.rank),
    selected: Boolean(row.selected),
    reason: row.reason as ResultReason,
  };
}
