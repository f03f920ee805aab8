// followUpBudgetProject: during implementation, staff report on a winning project — status (en cours, réalisé,
// suspendu, annulé), progress percentage, final cost, a public note, a dated milestone. A project is « Réalisé »
// only at 100 % with its final cost known.
import type { Caller } from "../../../platform/caller.ts";
import { newId } from "../../../platform/ids.ts";
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { BudgetStore } from "../ports/budgetStore.ts";
import { projectSubject, statusChanged } from "./events.ts";
import type { FollowUpStatus, Project } from "./model.ts";
import { type Problem, problem } from "./problems.ts";
import { canFollowUp, followUpMoveAllowed, STATUS_LABELS } from "./statuses.ts";

export interface FollowUpInput {
  projectId: string;
  status: FollowUpStatus | null;
  progressPercent: number | null;
  finalCostCents: number | null;
  note: string | null;
  milestone: { title: string; dueOn: Date | null; reachedOn: Date | null } | null;
  reachedMilestone: { id: string; reachedOn: Date } | null;
}

export async function followUpProject(
  caller: Caller,
  input: FollowUpInput,
  deps: { store: BudgetStore; now: Date },
): Promise<{ project: Project } | Problem | null> {
  const { now } = deps;
  if (input.progressPercent !== null && (input.progressPercent < 0 || input.progressPercent > 100)) {
    return problem("invalid_progress", "L'avancement est un pourcentage entre 0 et 100.", {
      progressPercent: input.progressPercent,
    });
  }
  if (input.finalCostCents !== null && input.finalCostCents < 0) {
    return problem("invalid_cost", "Le coût final ne peut être négatif.", {
      givenCents: input.finalCostCents,
    });
  }
  return deps.store.transaction(async (tx) => {
    const [peeked] = await tx.peekProjects([input.projectId]);
    if (!peeked) return null;
    const campaign = await tx.campaign(peeked.campaignId, "share");
    const [project] = await tx.projects([input.projectId]);
    if (!campaign || !project) return null;
    if (campaign.phase !== "implementation") {
      return problem("wrong_phase", "Le suivi des projets commence avec la phase de réalisation.", {
        phase: campaign.phase,
      });
    }
    if (!canFollowUp(project.status)) {
      return problem("invalid_transition", "Seuls les projets lauréats font l'objet d'un suivi.", {
        currentStatus: project.status,
      });
    }
    const to = input.status ?? project.status;
    if (input.status && !followUpMoveAllowed(project.status, input.status)) {
      return problem(
        "invalid_transition",
        `Un projet « ${STATUS_LABELS[project.status]} » ne peut passer à « ${STATUS_LABELS[input.status]} ».`,
        { currentStatus: project.status },
      );
    }
    const progress = to === "completed" ? 100 : (input.progressPercent ?? project.progressPercent);
    const finalCost = input.finalCostCents ?? project.finalCostCents;
    if (to === "completed" && input.progressPercent !== null && input.progressPercent !== 100) {
      return problem("invalid_progress", "Un projet réalisé est avancé à 100 %.", {
        progressPercent: input.progressPercent,
      });
    }
    if (to === "completed" && finalCost === null) {
      return problem("invalid_cost", "Le coût final d'un projet réalisé doit être connu.", {
        givenCents: null,
      });
    }

    const events: DomainEvent[] = [];
    if (to !== project.status) {
      await tx.changeStatus([project], to, { actorId: caller.accountId, reason: input.note, at: now });
      events.push(statusChanged(project, to, now));
    }
    await tx.updateProject(project.id, { progressPercent: progress, finalCostCents: finalCost }, now);
    if (input.note) {
      await tx.insertNote({
        id: newId(),
        projectId: project.id,
        body: input.note,
        authorId: caller.accountId,
        createdAt: now,
      });
    }
    if (input.milestone) {
      await tx.insertMilestone({ id: newId(), projectId: project.id, ...input.milestone, createdAt: now });
    }
    if (input.reachedMilestone) {
      const found = await tx.updateMilestone(input.reachedMilestone.id, project.id, {
        reachedOn: input.reachedMilestone.reachedOn,
      });
      if (!found) return problem("unknown_milestone", "Ce jalon n'appartient pas à ce projet.");
    }
    events.push({
      type: "budget.project_followed_up",
      subject: projectSubject(project.id),
      payload: {
        projectId: project.id,
        campaignId: campaign.id,
        status: to,
        progressPercent: progress,
        at: now.toISOString(),
      },
    });
    await tx.recordEvents(events);
    return {
      project: {
        ...project,
        status: to,
        progressPercent: progress,
        finalCostCents: finalCost,
        updatedAt: now,
      },
    };
  });
}
