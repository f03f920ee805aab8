// reviewBudgetProject: staff decide on a project's admissibility (participation mission) or feasibility (a named
// technical service, with its own cost estimate). The justification is public; an internal note is not. A project
// found feasible must fit the cap per project at the service's estimate, since that cost goes on the ballot.
import type { Caller } from "../../../platform/caller.ts";
import { newId } from "../../../platform/ids.ts";
import type { BudgetStore } from "../ports/budgetStore.ts";
import { statusChanged } from "./events.ts";
import type { Project, ReviewDecision } from "./model.ts";
import { ofPhase } from "./phases.ts";
import { euros, type Problem, problem } from "./problems.ts";
import { REVIEWS, STATUS_LABELS } from "./statuses.ts";

export interface ReviewProjectInput {
  projectId: string;
  decision: ReviewDecision;
  service: string;
  justification: string;
  costEstimateCents: number | null;
  internalNote: string | null;
}

const TO_STATUS = {
  admissible: "admissible",
  inadmissible: "inadmissible",
  feasible: "feasible",
  not_feasible: "not_feasible",
} as const;

export async function reviewProject(
  caller: Caller,
  input: ReviewProjectInput,
  deps: { store: BudgetStore; now: Date },
): Promise<{ project: Project } | Problem | null> {
  const { now } = deps;
  const rule = REVIEWS[input.decision];
  if (input.costEstimateCents !== null && input.costEstimateCents <= 0) {
    return problem("invalid_cost", "L'estimation du coût doit être un montant positif, en centimes d'euro.", {
      givenCents: input.costEstimateCents,
    });
  }
  if (input.decision === "feasible" && input.costEstimateCents === null) {
    return problem("invalid_cost", "Un projet faisable doit être chiffré par le service.", {
      givenCents: null,
    });
  }
  if (rule.kind === "admissibility" && input.costEstimateCents !== null) {
    return problem("invalid_cost", "L'estimation du coût appartient à l'étude de faisabilité.", {
      givenCents: input.costEstimateCents,
    });
  }
  return deps.store.transaction(async (tx) => {
    // Locks in one order everywhere (campaign, then projects), so a phase change and a review never deadlock.
    const [peeked] = await tx.peekProjects([input.projectId]);
    if (!peeked) return null;
    const campaign = await tx.campaign(peeked.campaignId, "share");
    const [project] = await tx.projects([input.projectId]);
    if (!campaign || !project) return null;
    if (campaign.phase !== rule.phase) {
      return problem("wrong_phase", `Cet avis se rend pendant la phase ${ofPhase(rule.phase)}.`, {
        phase: campaign.phase,
      });
    }
    if (project.status !== rule.from) {
      return problem(
        "invalid_transition",
        `Le projet est « ${STATUS_LABELS[project.status]} » : cet avis ne s'applique qu'à un projet « ${STATUS_LABELS[rule.from]} ».`,
        { currentStatus: project.status },
      );
    }
    if (input.decision === "feasible" && input.costEstimateCents !== null) {
      const [envelope] = (await tx.envelopes(campaign.id)).filter((e) => e.id === project.envelopeId);
      const cap = Math.min(campaign.projectCapCents, envelope?.amountCents ?? campaign.projectCapCents);
      if (input.costEstimateCents > cap) {
        return problem(
          "over_project_cap",
          `Estimé à ${euros(input.costEstimateCents)}, le projet dépasse le plafond de ${euros(cap)} : il ne peut être faisable tel quel.`,
          { capCents: cap, costCents: input.costEstimateCents },
        );
      }
    }
    const to = TO_STATUS[input.decision];
    await tx.insertReview({
      id: newId(),
      projectId: project.id,
      kind: rule.kind,
      decision: input.decision,
      service: input.service,
      justification: input.justification,
      costEstimateCents: input.costEstimateCents,
      internalNote: input.internalNote,
      reviewerId: caller.accountId,
      reviewedAt: now,
    });
    await tx.changeStatus([project], to, { actorId: caller.accountId, reason: input.justification, at: now });
    if (rule.kind === "feasibility" && input.costEstimateCents !== null) {
      await tx.updateProject(project.id, { reviewedCostCents: input.costEstimateCents }, now);
    }
    await tx.recordEvents([statusChanged(project, to, now)]);
    return {
      project: {
        ...project,
        status: to,
        reviewedCostCents:
          rule.kind === "feasibility" && input.costEstimateCents !== null
            ? input.costEstimateCents
            : project.reviewedCostCents,
        updatedAt: now,
      },
    };
  });
}
