// What the budget subgraph needs from storage for projects: their status history, reviews, milestones and notes.
import type { Page } from "../../../platform/pagination.ts";
import type { Project, ProjectStatus, ReviewDecision, ReviewKind } from "../domain/model.ts";
import type { IdKey } from "./campaignStore.ts";

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

/** Project reads and writes, inside a budget transaction. */
export interface ProjectTx {
  /** Projects by id, locked for update. */
  projects(ids: readonly string[]): Promise<Project[]>;
  /** Projects by id, without locking. */
  peekProjects(ids: readonly string[]): Promise<Project[]>;
  projectsOfCampaign(campaignId: string, statuses: readonly ProjectStatus[]): Promise<Project[]>;
  statusCounts(campaignId: string): Promise<Partial<Record<ProjectStatus, number>>>;
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
  insertMilestone(milestone: Milestone): Promise<void>;
  updateMilestone(id: string, projectId: string, patch: Pick<Milestone, "reachedOn">): Promise<boolean>;
  insertNote(note: Note): Promise<void>;
}

/** Project reads, for the loaders. */
export interface ProjectReads {
  projectsByIds(ids: readonly string[]): Promise<Project[]>;
  listProjects(filter: ProjectFilter, page: Page<IdKey>): Promise<{ rows: Project[]; total: number }>;
  projectsMergedInto(projectIds: readonly string[]): Promise<Project[]>;
  statusChangesOf(projectIds: readonly string[]): Promise<StatusChange[]>;
  reviewsOf(projectIds: readonly string[]): Promise<Review[]>;
  milestonesOf(projectIds: readonly string[]): Promise<Milestone[]>;
  notesOf(projectIds: readonly string[]): Promise<Note[]>;
  projectCounts(campaignIds: readonly string[]): Promise<Map<string, number>>;
  /** Projects with a location inside the box (merged ones excluded), newest first. */
  projectsInBox(box: BoundingBox, limit: number): Promise<Project[]>;
}
