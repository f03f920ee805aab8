// The participation subgraph's records, as its commands and resolvers see them (no SQL, no GraphQL).
import type { Answer } from "./questionnaire.ts";

export type LinkKind = "petition" | "budget_project" | "agenda_event";
export const LINK_KINDS: readonly LinkKind[] = ["petition", "budget_project", "agenda_event"];

export type ConsultationKind = "information" | "consultation" | "concertation" | "co_construction";
export const CONSULTATION_KINDS: readonly ConsultationKind[] = [
  "information",
  "consultation",
  "concertation",
  "co_construction",
];

export interface Place {
  name: string;
  lat: number;
  lon: number;
}

export interface ProjectRecord {
  id: string;
  title: string;
  summary: string;
  body: string;
  budgetText: string | null;
  label: string | null;
  durationText: string | null;
  partners: string[];
  contact: string | null;
  imageUrl: string | null;
  responsibleService: string | null;
  quartierIds: string[];
  communeIds: string[];
  places: Place[];
  /** Staff may close a project to comments (the comments subgraph asks before each post). */
  commentsOpen: boolean;
  createdByAccountId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StepRecord {
  id: string;
  projectId: string;
  position: number;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date | null;
}

export interface LinkRecord {
  projectId: string;
  kind: LinkKind;
  targetId: string;
}

export interface Eligibility {
  /** 16 or 18, or null for none. */
  minimumAge: number | null;
  requireResident: boolean;
  requirePact: boolean;
  /** Quartiers of residence admitted; empty: every one. */
  quartierIds: string[];
}

export interface ConsultationRecord {
  id: string;
  projectId: string | null;
  kind: ConsultationKind;
  title: string;
  summary: string;
  body: string;
  publicationStartsAt: Date;
  publicationEndsAt: Date | null;
  participationStartsAt: Date;
  participationEndsAt: Date;
  closedAt: Date | null;
  eligibility: Eligibility;
  resultsPublishedAt: Date | null;
  synthesis: string | null;
  cityAnswer: string | null;
  /** Staff's switch; comments are taken only while it is on and the consultation is published. */
  commentsOpen: boolean;
  createdByAccountId: string | null;
  createdAt: Date;
}

export interface MeetingRecord {
  id: string;
  consultationId: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  agendaEventId: string | null;
}

export interface DocumentRecord {
  id: string;
  consultationId: string;
  position: number;
  title: string;
  url: string;
}

export type StepStatus = "past" | "current" | "upcoming";

/** Where a step stands at `now`: started and not ended is current; a step without an end lasts until the next one starts. */
export function stepStatus(step: StepRecord, next: StepRecord | undefined, now: Date): StepStatus {
  if (step.startsAt > now) return "upcoming";
  const end = step.endsAt ?? next?.startsAt ?? null;
  return end !== null && end <= now ? "past" : "current";
}

export type ConsultationStatus = "upcoming" | "open" | "closed" | "results_published";

export function consultationStatus(consultation: ConsultationRecord, now: Date): ConsultationStatus {
  if (consultation.resultsPublishedAt) return "results_published";
  if (consultation.closedAt || consultation.participationEndsAt <= now) return "closed";
  if (consultation.participationStartsAt > now) return "upcoming";
  return "open";
}

/** Open to comments: staff left them open, and the public sees the consultation. */
export function takesComments(consultation: ConsultationRecord, now: Date): boolean {
  return consultation.commentsOpen && isPublished(consultation, now);
}

/** Published: the public sees it from the start of its publication (staff see it always). */
export function isPublished(consultation: ConsultationRecord, now: Date): boolean {
  return consultation.publicationStartsAt <= now;
}

export interface ResponseRecord {
  id: string;
  consultationId: string;
  accountId: string | null;
  answers: Answer[];
  quartierId: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ReactionKind = "support" | "oppose";

export interface TextDecision {
  responseId: string;
  questionId: string;
  visible: boolean;
}
