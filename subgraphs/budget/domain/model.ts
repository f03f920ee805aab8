// The vocabulary of the participatory budget, shared by every rule and command. Values are the stored ones
// (lower-case ASCII); the GraphQL enums map them to upper case, with the city's French labels in descriptions.

export const PHASES = [
  "submission",
  "admissibility",
  "feasibility",
  "voting",
  "results",
  "implementation",
] as const;
export type Phase = (typeof PHASES)[number];

/** The city's project statuses (Déposé, Recevable, … Fusionné). */
export const PROJECT_STATUSES = [
  "submitted",
  "admissible",
  "inadmissible",
  "under_study",
  "feasible",
  "not_feasible",
  "selected",
  "not_selected",
  "in_progress",
  "completed",
  "suspended",
  "cancelled",
  "merged",
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const BALLOT_STYLES = ["approval", "knapsack"] as const;
export type BallotStyle = (typeof BALLOT_STYLES)[number];

export const BALLOT_SCOPES = ["campaign", "envelope"] as const;
export type BallotScope = (typeof BALLOT_SCOPES)[number];

export const REVIEW_DECISIONS = ["admissible", "inadmissible", "feasible", "not_feasible"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type ReviewKind = "admissibility" | "feasibility";

export const FOLLOW_UP_STATUSES = ["in_progress", "completed", "suspended", "cancelled"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export type ResultReason = "selected" | "did_not_fit" | "no_votes";

export interface EligibilityRules {
  requireResident: boolean;
  requirePact: boolean;
  /** 16 or 18; null when no minimum age applies. */
  minimumAge: number | null;
}

export interface Campaign extends EligibilityRules {
  id: string;
  title: string;
  description: string;
  totalBudgetCents: number;
  projectCapCents: number;
  phase: Phase;
  submissionStartsAt: Date;
  submissionEndsAt: Date;
  votingStartsAt: Date;
  votingEndsAt: Date;
  ballotScope: BallotScope;
  ballotChangeable: boolean;
  resultsPublishedAt: Date | null;
  resultsBallotCount: number | null;
  resultsLedgerSize: number | null;
  resultsLedgerRoot: string | null;
  createdAt: Date;
}

export interface Envelope {
  id: string;
  campaignId: string;
  /** Null for the city-wide envelope. */
  quartierId: string | null;
  label: string;
  amountCents: number;
  ballotStyle: BallotStyle;
  maxProjects: number | null;
  minimumSharePercent: number | null;
  position: number;
}

export interface Project {
  id: string;
  campaignId: string;
  envelopeId: string;
  authorId: string | null;
  title: string;
  description: string;
  quartierId: string | null;
  latitude: number | null;
  longitude: number | null;
  estimatedCostCents: number;
  reviewedCostCents: number | null;
  links: string[];
  status: ProjectStatus;
  mergedIntoId: string | null;
  progressPercent: number | null;
  finalCostCents: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The cost a project stands for on ballots and in results: the feasibility study's, else the author's. */
export function ballotCost(project: Pick<Project, "reviewedCostCents" | "estimatedCostCents">): number {
  return project.reviewedCostCents ?? project.estimatedCostCents;
}

/** The Eurométropole's bounding box (reference/domain.md): a project's location must lie inside. */
export const EUROMETROPOLE = { south: 48.45, north: 48.7, west: 7.6, east: 7.95 } as const;

export function insideEurometropole(point: { lat: number; lon: number }): boolean {
  return (
    point.lat >= EUROMETROPOLE.south &&
    point.lat <= EUROMETROPOLE.north &&
    point.lon >= EUROMETROPOLE.west &&
    point.lon <= EUROMETROPOLE.east
  );
}
