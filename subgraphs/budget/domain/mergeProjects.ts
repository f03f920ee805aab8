// mergeBudgetProjects: staff fold a duplicate into another project of the same campaign before the vote. The
// duplicate becomes « Fusionné » and points at the project kept; both keep their own status history, and the
// kept project shows the duplicate's history next to its own.
import type { Caller } from "../../../platform/caller.ts";
import type { BudgetStore } from "../ports/budgetStore.ts";
import { projectSubject, statusChanged } from "./events.ts";
import type { Project } from "./model.ts";
import { type Problem, problem } from "./problems.ts";
import { MERGE_PHASES, MERGEABLE, STATUS_LABELS } from "./statuses.ts";

export async function mergeProjects(
  caller: Caller,
  input: { duplicateId: string; intoId: string; justification: string },
  deps: { store: BudgetStore; now: Date },
): Promise<{ duplicate: Project; into: Project } | Problem | null> {
  const { now } = deps;
  if (input.duplicateId === input.intoId) {
    return problem("invalid_merge", "Un projet ne peut être fusionné avec lui-même.");
  }
  return deps.store.transaction(async (tx) => {
    // Locks in one order everywhere (campaign, then projects), so a phase change and a merge never deadlock.
    const peeked = await tx.peekProjects([input.duplicateId, input.intoId]);
    if (peeked.length !== 2) return null;
    if (peeked[0]?.campaignId !== peeked[1]?.campaignId) {
      return problem("invalid_merge", "Seuls deux projets d'une même campagne peuvent être fusionnés.");
    }
    const campaign = await tx.campaign(peeked[0]?.campaignId ?? "", "share");
    const projects = await tx.projects([input.duplicateId, input.intoId]);
    const duplicate = projects.find((project) => project.id === input.duplicateId);
    const into = projects.find((project) => project.id === input.intoId);
    if (!campaign || !duplicate || !into) return null;
    if (!MERGE_PHASES.includes(campaign.phase)) {
      return problem("wrong_phase", "Les doublons se fusionnent avant l'ouverture du vote.", {
        phase: campaign.phase,
      });
    }
    for (const project of [duplicate, into]) {
      if (!MERGEABLE.includes(project.status)) {
        return problem(
          "invalid_transition",
          `Le projet « ${project.title} » est « ${STATUS_LABELS[project.status]} » : il ne peut être fusionné.`,
          { currentStatus: project.status },
        );
      }
    }
    await tx.changeStatus([duplicate], "merged", {
      actorId: caller.accountId,
      reason: input.justification,
      at: now,
    });
    await tx.updateProject(duplicate.id, { mergedIntoId: into.id }, now);
    await tx.recordEvents([
      statusChanged(duplicate, "merged", now),
      {
        type: "budget.projects_merged",
        subject: projectSubject(into.id),
        payload: {
          duplicateId: duplicate.id,
          intoId: into.id,
          campaignId: campaign.id,
          duplicateAuthorId: duplicate.authorId,
          intoAuthorId: into.authorId,
          at: now.toISOString(),
        },
      },
    ]);
    return { duplicate: { ...duplicate, status: "merged" as const, mergedIntoId: into.id }, into };
  });
}
