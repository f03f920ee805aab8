// The participation subgraph's domain events (outbox, platform/outbox.ts). The notifications worker tells the
// followers of the project (payload.projectId) or of the consultation (subject consultation:<id>).
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { ConsultationRecord, StepRecord } from "./model.ts";

export const stepStarted = (step: StepRecord, projectTitle: string): DomainEvent => ({
  type: "participation.step_started",
  subject: `project:${step.projectId}`,
  payload: { projectId: step.projectId, stepId: step.id, stepTitle: step.title, projectTitle },
});

function consultationEvent(type: string, consultation: ConsultationRecord): DomainEvent {
  return {
    type,
    subject: `consultation:${consultation.id}`,
    payload: {
      consultationId: consultation.id,
      projectId: consultation.projectId,
      title: consultation.title,
      kind: consultation.kind,
    },
  };
}

export const consultationOpened = (c: ConsultationRecord) =>
  consultationEvent("participation.consultation_opened", c);
export const consultationClosed = (c: ConsultationRecord) =>
  consultationEvent("participation.consultation_closed", c);
export const resultsPublished = (c: ConsultationRecord) =>
  consultationEvent("participation.results_published", c);

/** Staff opened or closed comments: no one is told, but cached public answers showing `commentsOpen` must go. */
export const commentsSwitched = (
  kind: "project" | "consultation",
  id: string,
  open: boolean,
): DomainEvent => ({
  type: open ? "participation.comments_opened" : "participation.comments_closed",
  subject: `${kind}:${id}`,
  payload: { [kind === "project" ? "projectId" : "consultationId"]: id },
});
