// Field resolvers of the participation types: records to the schema's shape (entity references for the other
// subgraphs' entities, statuses computed at the request's clock).

import { ineligibilityReasons } from "../domain/eligibility.ts";
import type {
  ConsultationRecord,
  LinkKind,
  MeetingRecord,
  ProjectRecord,
  StepRecord,
} from "../domain/model.ts";
import { consultationStatus, isPublished, stepStatus, takesComments } from "../domain/model.ts";
import { type QuestionRecord, TEXT_LIMITS } from "../domain/questionnaire.ts";
import type { ResponseRecord } from "../domain/respond.ts";
import { type Ctx, seesUnpublished } from "./shared.ts";

const refs = (ids: readonly string[]) => ids.map((id) => ({ id }));

async function linked(project: ProjectRecord, kind: LinkKind, ctx: Ctx) {
  const links = await ctx.loaders.links.load(project.id);
  return links.filter((link) => link.kind === kind).map((link) => ({ id: link.targetId }));
}

/** Null for a non-staff caller before publication: the consultation does not exist for them yet. */
export function visibleConsultation(consultation: ConsultationRecord | null, ctx: Ctx) {
  if (!consultation) return null;
  return isPublished(consultation, ctx.loaders.now) || seesUnpublished(ctx) ? consultation : null;
}

export const typeResolvers = {
  Project: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.project.load(ref.id),
    budget: (project: ProjectRecord) => project.budgetText,
    duration: (project: ProjectRecord) => project.durationText,
    quartiers: (project: ProjectRecord) => refs(project.quartierIds),
    communes: (project: ProjectRecord) => refs(project.communeIds),
    async timeline(project: ProjectRecord, _: unknown, ctx: Ctx) {
      const steps = await ctx.loaders.steps.load(project.id);
      return steps.map((step, index) => ({
        ...step,
        status: stepStatus(step, steps[index + 1], ctx.loaders.now),
      }));
    },
    async currentStep(project: ProjectRecord, _: unknown, ctx: Ctx) {
      const steps = await ctx.loaders.steps.load(project.id);
      const statuses = steps.map((step, index) => stepStatus(step, steps[index + 1], ctx.loaders.now));
      const index = statuses.lastIndexOf("current");
      const step = steps[index];
      return step ? { ...step, status: "current" } : null;
    },
    async consultations(project: ProjectRecord, _: unknown, ctx: Ctx) {
      const consultations = await ctx.loaders.projectConsultations.load(project.id);
      return consultations.filter((consultation) => visibleConsultation(consultation, ctx));
    },
    petitions: (project: ProjectRecord, _: unknown, ctx: Ctx) => linked(project, "petition", ctx),
    budgetProjects: (project: ProjectRecord, _: unknown, ctx: Ctx) => linked(project, "budget_project", ctx),
    agendaEvents: (project: ProjectRecord, _: unknown, ctx: Ctx) => linked(project, "agenda_event", ctx),
  },
  ProjectStep: {
    // From the timeline, the status knows the next step; a step read alone (just added) ends with its own end.
    status: (step: StepRecord & { status?: string }, _: unknown, ctx: Ctx) =>
      step.status ?? stepStatus(step, undefined, ctx.loaders.now),
  },
  Consultation: {
    async __resolveReference(ref: { id: string }, ctx: Ctx) {
      return visibleConsultation(await ctx.loaders.consultation.load(ref.id), ctx);
    },
    project: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      consultation.projectId ? ctx.loaders.project.load(consultation.projectId) : null,
    status: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      consultationStatus(consultation, ctx.loaders.now),
    commentsOpen: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      takesComments(consultation, ctx.loaders.now),
    eligibility: (consultation: ConsultationRecord) => ({
      ...consultation.eligibility,
      quartiers: refs(consultation.eligibility.quartierIds),
    }),
    meetings: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.meetings.load(consultation.id),
    documents: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.documents.load(consultation.id),
    questionnaire: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.questions.load(consultation.id),
    responseCount: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.responseCount.load(consultation.id),
    reactions: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.reactionCounts.load(consultation.id),
    myReaction: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.myReaction.load(consultation.id),
    myResponse: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.myResponse.load(consultation.id),
    myEligibility(consultation: ConsultationRecord, _: unknown, ctx: Ctx) {
      if (ctx.caller.kind === "anonymous") return null;
      // The quartier is declared with the response: only the caller's rights are checked here.
      const reasons = ineligibilityReasons(
        ctx.caller,
        { ...consultation.eligibility, quartierIds: [] },
        null,
      );
      return { eligible: reasons.length === 0, reasons };
    },
    results: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      consultation.resultsPublishedAt ? ctx.loaders.results.load(consultation.id) : null,
    liveResults: (consultation: ConsultationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.store.liveResults(consultation.id),
  },
  Question: {
    maxLength: (question: QuestionRecord) =>
      question.kind === "short_text" || question.kind === "long_text" ? TEXT_LIMITS[question.kind] : null,
  },
  ConsultationResponse: {
    quartier: (response: ResponseRecord) => (response.quartierId ? { id: response.quartierId } : null),
  },
  ConsultationMeeting: {
    agendaEvent: (meeting: MeetingRecord) => (meeting.agendaEventId ? { id: meeting.agendaEventId } : null),
  },
};
