// Storage of the participation subgraph. Commands run in one transaction (`transaction`); loaders read in batches
// (one statement per batch and entity type).
import type { DomainEvent } from "../../../platform/outbox.ts";
import type {
  ConsultationRecord,
  ConsultationStatus,
  DocumentRecord,
  LinkRecord,
  MeetingRecord,
  ProjectRecord,
  ReactionKind,
  ResponseRecord,
  StepRecord,
  TextDecision,
} from "../domain/model.ts";
import type { Answer, QuestionRecord } from "../domain/questionnaire.ts";
import type { Results } from "../domain/results.ts";

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface ProjectListFilter {
  quartierId?: string;
}

export interface ConsultationListFilter {
  status?: ConsultationStatus;
  projectId?: string;
  /** Staff see consultations before their publication. */
  includeUnpublished: boolean;
  now: Date;
}

/** Keyset of the lists: newest first. */
export type ListKey = [createdAt: string, id: string];

export interface ParticipationTx {
  insertProject(project: ProjectRecord): Promise<void>;
  /** Steps already started at `announcedAt` are stored as announced (nobody is told of the past). */
  insertSteps(steps: readonly StepRecord[], announcedAt: Date): Promise<void>;
  /** The project, locked against concurrent changes of its timeline; null when unknown. */
  lockProject(id: string): Promise<ProjectRecord | null>;
  nextStepPosition(projectId: string): Promise<number>;
  insertLink(link: LinkRecord): Promise<void>;
  insertConsultation(consultation: ConsultationRecord, openedAnnouncedAt: Date | null): Promise<void>;
  insertMeetings(meetings: readonly MeetingRecord[]): Promise<void>;
  insertDocuments(documents: readonly DocumentRecord[]): Promise<void>;
  /** The consultation, locked (FOR UPDATE): closing and publishing wait for responses in flight, and conversely. */
  lockConsultation(id: string): Promise<ConsultationRecord | null>;
  markClosed(id: string, at: Date): Promise<void>;
  /** Opens or closes a project's or a consultation's comments; false when it does not exist. */
  setCommentsOpen(kind: "project" | "consultation", id: string, open: boolean): Promise<boolean>;
  /** Steps whose start has come and was not announced, locked (SKIP LOCKED: two runners never announce twice). */
  claimStartedSteps(now: Date, limit: number): Promise<(StepRecord & { projectTitle: string })[]>;
  markStepsAnnounced(ids: readonly string[], at: Date): Promise<void>;
  claimOpenedConsultations(now: Date, limit: number): Promise<ConsultationRecord[]>;
  markOpenedAnnounced(ids: readonly string[], at: Date): Promise<void>;
  /** Consultations whose participation period ended and that are not yet closed. */
  claimEndedConsultations(now: Date, limit: number): Promise<ConsultationRecord[]>;
  recordEvents(events: readonly DomainEvent[]): Promise<void>;
  /** The consultation under a shared lock (FOR SHARE): responses proceed together, a close waits for them. */
  shareConsultation(id: string): Promise<ConsultationRecord | null>;
  insertQuestions(questions: readonly QuestionRecord[]): Promise<void>;
  questionsOf(consultationId: string): Promise<QuestionRecord[]>;
  /** Null when the person already has a response (the unique index decides, under any concurrency). */
  insertResponse(response: ResponseRecord): Promise<ResponseRecord | null>;
  /** Replaces the person's answers; null when they have no response. */
  replaceResponse(
    consultationId: string,
    accountId: string,
    answers: readonly Answer[],
    quartierId: string | null,
    at: Date,
  ): Promise<ResponseRecord | null>;
  /** Every response's answers (pseudonymised ones included). */
  answersOf(consultationId: string): Promise<{ answers: Answer[] }[]>;
  /** Text answers moderators made visible, per question. */
  visibleTextsOf(consultationId: string): Promise<Map<string, string[]>>;
  markResultsPublished(consultation: ConsultationRecord, results: Results): Promise<void>;
  setReaction(consultationId: string, accountId: string, kind: ReactionKind | null, at: Date): Promise<void>;
  reviewTexts(
    consultationId: string,
    decisions: readonly TextDecision[],
    reviewerAccountId: string | null,
    at: Date,
  ): Promise<number>;
}

export interface ReactionCounts {
  support: number;
  oppose: number;
}

export interface TextAnswerForReview {
  responseId: string;
  questionId: string;
  text: string;
  visible: boolean | null;
  updatedAt: Date;
}

/** Keyset of the review list: oldest first. */
export type ReviewKey = [updatedAt: string, responseId: string, questionId: string];

export interface ParticipationStore {
  transaction<T>(fn: (tx: ParticipationTx) => Promise<T>): Promise<T>;
  projectsByIds(ids: readonly string[]): Promise<ProjectRecord[]>;
  stepsOf(projectIds: readonly string[]): Promise<StepRecord[]>;
  linksOf(projectIds: readonly string[]): Promise<LinkRecord[]>;
  consultationsByIds(ids: readonly string[]): Promise<ConsultationRecord[]>;
  /** Newest first, at most 50 per project. */
  consultationsOfProjects(projectIds: readonly string[]): Promise<ConsultationRecord[]>;
  meetingsOf(consultationIds: readonly string[]): Promise<MeetingRecord[]>;
  documentsOf(consultationIds: readonly string[]): Promise<DocumentRecord[]>;
  listProjects(filter: ProjectListFilter, limit: number, after?: ListKey): Promise<ProjectRecord[]>;
  listConsultations(
    filter: ConsultationListFilter,
    limit: number,
    after?: ListKey,
  ): Promise<ConsultationRecord[]>;
  projectsInBox(box: Box, limit: number): Promise<ProjectRecord[]>;
  questionsOfConsultations(consultationIds: readonly string[]): Promise<QuestionRecord[]>;
  responseCounts(consultationIds: readonly string[]): Promise<Map<string, number>>;
  reactionCounts(consultationIds: readonly string[]): Promise<Map<string, ReactionCounts>>;
  /** The caller's own response per consultation. */
  responsesOfAccount(accountId: string, consultationIds: readonly string[]): Promise<ResponseRecord[]>;
  reactionsOfAccount(
    accountId: string,
    consultationIds: readonly string[],
  ): Promise<Map<string, ReactionKind>>;
  /** Published (frozen) results per consultation. */
  publishedResults(consultationIds: readonly string[]): Promise<Map<string, Results>>;
  /** Live results (staff preview before publication). */
  liveResults(consultationId: string): Promise<Results>;
  /** Responses and reactions keep counting without the account; staff authorship is forgotten. */
  eraseAccount(accountId: string): Promise<{ erased: number; pseudonymised: number }>;
  /** Retention: responses and reactions to consultations closed before `before` lose their account. */
  forgetRespondents(before: Date): Promise<number>;
  exportAccount(accountId: string): Promise<Record<string, unknown>>;
  textAnswersForReview(
    consultationId: string,
    pendingOnly: boolean,
    limit: number,
    after?: ReviewKey,
  ): Promise<TextAnswerForReview[]>;
}
