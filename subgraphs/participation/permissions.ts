// Participation permissions: projects and published consultations are public; the city's staff create and run
// them; the internal operations answer the platform's system caller only. Anything not listed is denied.
// Entities resolved by reference (Project, Consultation) are public, and Consultation's __resolveReference hides
// a consultation before its publication from everyone but staff.
import type { IRules } from "graphql-shield";
import type { SubgraphContext } from "../../platform/context.ts";
import { forbidden, unauthenticated } from "../../platform/errors.ts";
import { allow, isAuthenticated, isStaff, isSystem, rule } from "../../platform/permissions.ts";

/** A resident acting for themselves (or for a collective): a citizen's personal account, not staff nor a partner. */
const isCitizen = rule({ cache: "contextual" })((_parent, _args, ctx: SubgraphContext) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return ctx.caller.kind === "citizen" && ctx.caller.accountId
    ? true
    : forbidden("Seul un habitant, avec son compte, peut saisir l'Observatoire.");
});

/** Fields only the city's staff read on public types (live results before publication). */
const staffOnly = isStaff;

export const permissions: IRules = {
  Query: {
    projects: allow,
    project: allow,
    consultations: allow,
    consultation: allow,
    textAnswersForReview: isStaff,
    _participationMapFeatures: isSystem,
    observatoryReferrals: allow,
    observatoryReferral: allow,
    myObservatoryReferrals: isAuthenticated,
  },
  Mutation: {
    createProject: isStaff,
    addProjectStep: isStaff,
    linkProject: isStaff,
    createConsultation: isStaff,
    closeConsultation: isStaff,
    setProjectCommentsOpen: isStaff,
    setConsultationCommentsOpen: isStaff,
    respondToConsultation: isAuthenticated,
    editConsultationResponse: isAuthenticated,
    reactToConsultation: isAuthenticated,
    reviewTextAnswers: isStaff,
    publishConsultationResults: isStaff,
    _advanceParticipation: isSystem,
    referToObservatory: isCitizen,
    examineObservatoryReferral: isStaff,
    answerObservatoryReferral: isStaff,
    _eraseAccountData: isSystem,
    _applyRetention: isSystem,
  },
  Project: allow,
  ProjectPlace: allow,
  ProjectStep: allow,
  ProjectConnection: allow,
  ProjectEdge: allow,
  Consultation: {
    "*": allow,
    liveResults: staffOnly,
  },
  Question: allow,
  QuestionOption: allow,
  QuestionCondition: allow,
  ConsultationReactionCounts: allow,
  ConsultationEligibilityCheck: allow,
  // A person's own response (myResponse, and the result of their answer): only they ever receive it.
  ConsultationResponse: isAuthenticated,
  Answer: isAuthenticated,
  ConsultationResults: allow,
  QuestionResult: allow,
  OptionResult: allow,
  ScaleValueCount: allow,
  TextAnswerForReview: isStaff,
  TextAnswerForReviewConnection: isStaff,
  TextAnswerForReviewEdge: isStaff,
  ResponseRecorded: isAuthenticated,
  ReactionRecorded: isAuthenticated,
  TextAnswersReviewed: isStaff,
  ResultsPublished: isStaff,
  NotEligibleToParticipate: allow,
  NoQuestionnaire: allow,
  AlreadyResponded: allow,
  NoResponseToEdit: allow,
  InvalidAnswer: allow,
  ConsultationNotClosed: allow,
  ConsultationEligibility: allow,
  ConsultationMeeting: allow,
  ConsultationDocument: allow,
  ConsultationConnection: allow,
  ConsultationEdge: allow,
  Quartier: allow,
  Commune: allow,
  Petition: allow,
  BudgetProject: allow,
  Event: allow,
  PageInfo: allow,
  AccountErasure: isSystem,
  RetentionReport: isSystem,
  // Its __resolveReference returns only the caller's own export.
  PersonalDataExport: isAuthenticated,
  // Results of staff mutations: only staff reach them (the mutations are staff-only).
  ProjectCreated: isStaff,
  ProjectStepAdded: isStaff,
  ProjectLinked: isStaff,
  ConsultationCreated: isStaff,
  ConsultationClosed: isStaff,
  ProjectCommentsOpenSet: isStaff,
  ConsultationCommentsOpenSet: isStaff,
  ProjectNotFound: allow,
  ConsultationNotFound: allow,
  ConsultationNotOpen: allow,
  InvalidParticipationInput: allow,
  // The Observatory: the lifecycle is public. `referrer` is null for everyone but the referrer and staff (its
  // resolver decides, so an anonymous reading gets null rather than an error); its type needs a signed-in caller.
  ObservatoryReferral: allow,
  ObservatoryReferralPlace: allow,
  ObservatoryReferrer: isAuthenticated,
  ObservatoryReferralConnection: allow,
  ObservatoryReferralEdge: allow,
  Account: isAuthenticated,
  ObservatoryReferralSubmitted: isCitizen,
  ObservatoryReferralUpdated: isStaff,
  ObservatoryReferralNotFound: allow,
  ObservatoryReferralStateConflict: allow,
  ObservatoryReferralRateLimited: allow,
};
