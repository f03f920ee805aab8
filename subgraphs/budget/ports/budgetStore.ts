// What the budget subgraph needs from storage. Implemented on Prisma in adapters/. Commands that change anything
// run inside `transaction`, whose BudgetTx also appends to the ballot ledger and the outbox: all or nothing.
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { Page } from "../../../platform/pagination.ts";
import type {
  Campaign,
  Envelope,
  FollowUpStatus,
  Phase,
  Project,
  ProjectStatus,
  ResultReason,
  ReviewDecision,
  ReviewKind,
} from "../domain/model.ts";
import type { BallotLedgerEntry, LedgerHead } from "./ballotLedger.ts";

export interface StatusChange {
  id: string;
  projectId: string;
  fromStatus: ProjectStatus | null;
  toStatus: ProjectStatus;
  reason: string | null;
  actorId: string | null;
  occurredAt: Date;
}

export interface Review {
  id: string;
  projectId: string;
  kind: ReviewKind;
  decision: ReviewDecision;
  service: string;
  justification: string;
  costEstimateCents: number | null;
  internalNote: string | null;
  reviewerId: string | null;
  reviewedAt: Date;
}

export interface Milestone {
  id: string;
  projectId: string;
  title: string;
  dueOn: Date | null;
  reachedOn: Date | null;
  createdAt: Date;
}

export interface Note {
  id: string;
  projectId: string;
  body: string;
  authorId: string | null;
  createdAt: Date;
}

export interface PhaseChange {
  id: string;
  campaignId: string;
  fromPhase: Phase;
  toPhase: Phase;
  actorId: string | null;
  occurredAt: Date;
}

export interface Ballot {
  id: string;
  campaignId: string;
  voterKey: string;
  ledgerToken: string;
  projectIds: string[];
  totalCostCents: number;
  revision: number;
  /** Leaf index of the latest ledger entry of this ballot, when known (see BudgetStore.ledgerIndexOf). */
  ledgerIndex?: number;
  castAt: Date;
  updatedAt: Date;
}

/** What a processed cast asked for, remembered under its idempotency key. */
export interface BallotRequest {
  projectIds: string[];
  revision: number;
}

export interface ResultRow {
  id: string;
  campaignId: string;
  envelopeId: string;
  projectId: string;
  votes: number;
  rank: number;
  selected: boolean;
  reason: ResultReason;
}

export interface ProjectFilter {
  campaignId?: string;
  envelopeId?: string;
  quartierId?: string;
  statuses?: ProjectStatus[];
  authorId?: string;
  /** Words searched in title and description (case- and accent-insensitive). */
  search?: string;
}

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface BudgetTx {
  /**
   * The campaign, locked for the transaction: "share" for everything done within a phase (many at once), "update"
   * to change the phase (alone). A phase therefore never changes under a command that relies on it.
   */
  campaign(id: string, lock: "share" | "update"): Promise<Campaign | null>;
  envelopes(campaignId: string): Promise<Envelope[]>;
  /** Projects by id, locked for update. */
  projects(ids: readonly string[]): Promise<Project[]>;
  /** Projects by id, without locking. */
  peekProjects(ids: readonly string[]): Promise<Project[]>;
  /**
   * What a ballot is checked against: the campaign's envelopes and projects. During the vote neither can change
   * (envelopes never do; statuses and costs change only with the phase), so the store may keep them in memory.
   */
  ballotFacts(campaign: Campaign): Promise<{ envelopes: Envelope[]; projects: Map<string, Project> }>;
  projectsOfCampaign(campaignId: string, statuses: readonly ProjectStatus[]): Promise<Project[]>;
  statusCounts(campaignId: string): Promise<Partial<Record<ProjectStatus, number>>>;

  insertCampaign(campaign: Campaign, envelopes: Envelope[]): Promise<void>;
  insertProject(project: Project, actorId: string | null): Promise<void>;
  /** Moves projects to a status, recording one history entry each (from their current status). */
  changeStatus(
    projects: readonly Pick<Project, "id" | "status">[],
    to: ProjectStatus,
    change: { actorId: string | null; reason: string | null; at: Date },
  ): Promise<void>;
  updateProject(
    id: string,
    patch: Partial<
      Pick<Project, "reviewedCostCents" | "mergedIntoId" | "progressPercent" | "finalCostCents" | "status">
    >,
    at: Date,
  ): Promise<void>;
  insertReview(review: Review): Promise<void>;
  setPhase(campaignId: string, from: Phase, to: Phase, actorId: string | null, at: Date): Promise<void>;

  /** The voter's ballot, locked for update. */
  ballot(campaignId: string, voterKey: string): Promise<Ballot | null>;
  /** Inserts the ballot and its first request unless the voter already has one (then false, nothing written). */
  insertBallot(ballot: Ballot, idempotencyKey: string): Promise<boolean>;
  replaceBallot(
    id: string,
    change: Pick<Ballot, "projectIds" | "totalCostCents" | "revision">,
    at: Date,
  ): Promise<void>;
  /** A request already applied to this ballot under this idempotency key, if any. */
  ballotRequest(ballotId: string, idempotencyKey: string): Promise<BallotRequest | null>;
  recordBallotRequest(
    ballotId: string,
    idempotencyKey: string,
    request: BallotRequest,
    at: Date,
  ): Promise<void>;

  /** Every current ballot's selection. */
  selections(campaignId: string): Promise<string[][]>;

  insertResults(rows: ResultRow[]): Promise<void>;
  publishResults(
    campaignId: string,
    facts: { at: Date; ballotCount: number; ledgerSize: number; ledgerRoot: string },
  ): Promise<void>;

  insertMilestone(milestone: Milestone): Promise<void>;
  updateMilestone(id: string, projectId: string, patch: Pick<Milestone, "reachedOn">): Promise<boolean>;
  insertNote(note: Note): Promise<void>;

  /** Appends a ballot to the tamper-evident ledger; returns its position. */
  appendToLedger(entry: BallotLedgerEntry): Promise<{ leafIndex: number }>;
  /** The campaign's ledger entries, in ledger order. */
  ledgerEntries(campaignId: string): Promise<{ leafIndex: number; entry: BallotLedgerEntry }[]>;
  ledgerHead(campaignId: string): Promise<LedgerHead>;
  /** Whether the campaign's stored entries still hash to its stored head (nobody edited the ledger's tables). */
  ledgerIntact(campaignId: string): Promise<boolean>;

  recordEvents(events: readonly DomainEvent[]): Promise<void>;
}

export interface BudgetStore {
  transaction<T>(fn: (tx: BudgetTx) => Promise<T>): Promise<T>;

  campaignsByIds(ids: readonly string[]): Promise<Campaign[]>;
  listCampaigns(filter: { phase?: Phase }, page: Page<IdKey>): Promise<{ rows: Campaign[]; total: number }>;
  envelopesByIds(ids: readonly string[]): Promise<Envelope[]>;
  envelopesOfCampaigns(campaignIds: readonly string[]): Promise<Envelope[]>;
  projectsByIds(ids: readonly string[]): Promise<Project[]>;
  listProjects(filter: ProjectFilter, page: Page<IdKey>): Promise<{ rows: Project[]; total: number }>;
  projectsMergedInto(projectIds: readonly string[]): Promise<Project[]>;
  statusChangesOf(projectIds: readonly string[]): Promise<StatusChange[]>;
  reviewsOf(projectIds: readonly string[]): Promise<Review[]>;
  milestonesOf(projectIds: readonly string[]): Promise<Milestone[]>;
  notesOf(projectIds: readonly string[]): Promise<Note[]>;
  phaseChangesOf(campaignIds: readonly string[]): Promise<PhaseChange[]>;
  resultsOfCampaigns(campaignIds: readonly string[]): Promise<ResultRow[]>;
  resultsOfProjects(projectIds: readonly string[]): Promise<ResultRow[]>;
  projectCounts(campaignIds: readonly string[]): Promise<Map<string, number>>;
  ballotCounts(campaignIds: readonly string[]): Promise<Map<string, number>>;
  ballotOf(campaignId: string, voterKey: string): Promise<Ballot | null>;
  /** Leaf index of a ballot's latest entry in its campaign's ledger. */
  ledgerIndexOf(campaignId: string, ledgerToken: string): Promise<number | null>;
  /** Projects with a location inside the box (merged ones excluded), newest first. */
  projectsInBox(box: BoundingBox, limit: number): Promise<Project[]>;
  /**
   * Erasure: forgets the account as author, actor and reviewer, and detaches its ballots (found by their voter
   * keys, one per campaign) from it. Ballots stay counted.
   */
  eraseAccount(
    accountId: string,
    voterKeyOf: (campaignId: string) => string,
  ): Promise<{ erased: number; pseudonymised: number }>;
  /** Everything held about an account (the right of access): authored projects, ballots, reviews, notes. */
  exportAccount(
    accountId: string,
    voterKeyOf: (campaignId: string) => string,
  ): Promise<Record<string, unknown>>;
  /**
   * Retention: detaches from their voters the ballots of campaigns whose vote closed before `closedBefore`
   * (random voter keys, as at erasure) and forgets their idempotency keys. Returns the number of ballots detached.
   */
  detachVotersOfCampaignsClosedBefore(closedBefore: Date): Promise<number>;
}

/** Keyset of lists sorted by id (UUIDv7: creation order). */
export interface IdKey {
  id: string;
}

export type { FollowUpStatus };
