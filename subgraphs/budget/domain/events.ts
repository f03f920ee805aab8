// The budget's domain events (written to its outbox in the same transaction as the change). Payloads carry
// pseudonymous ids only: a project's author is its pseudonymous account id, for notifying them.
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { Phase, Project, ProjectStatus } from "./model.ts";

export const campaignSubject = (campaignId: string) => `budget_campaign:${campaignId}`;
export const projectSubject = (projectId: string) => `budget_project:${projectId}`;

export function phaseChanged(campaignId: string, from: Phase | null, to: Phase, at: Date): DomainEvent {
  return {
    type: "budget.phase_changed",
    subject: campaignSubject(campaignId),
    payload: { campaignId, from, to, at: at.toISOString() },
  };
}

export function statusChanged(
  project: Pick<Project, "id" | "campaignId" | "authorId" | "status">,
  to: ProjectStatus,
  at: Date,
): DomainEvent {
  return {
    type: "budget.project_status_changed",
    subject: projectSubject(project.id),
    payload: {
      projectId: project.id,
      campaignId: project.campaignId,
      authorId: project.authorId,
      from: project.status,
      to,
      at: at.toISOString(),
    },
  };
}
