// submitBudgetProject: an eligible person proposes a project while submissions are open. The project goes to the
// envelope of its quartier, or the city-wide one; its cost must be positive and within the cap per project and
// the envelope's amount (a project that can never fit is refused now rather than at the vote).
import type { Caller } from "../../../platform/caller.ts";
import { newId } from "../../../platform/ids.ts";
import type { BudgetStore } from "../ports/budgetStore.ts";
import { ineligibilityMessage, ineligibilityReasons } from "./eligibility.ts";
import { projectSubject } from "./events.ts";
import { type Envelope, insideEurometropole, type Project } from "./model.ts";
import { submissionOpen } from "./phases.ts";
import { euros, type Problem, problem } from "./problems.ts";

export interface SubmitProjectInput {
  campaignId: string;
  title: string;
  description: string;
  quartierId: string | null;
  location: { lat: number; lon: number } | null;
  estimatedCostCents: number;
  links: string[];
}

export function envelopeFor(envelopes: readonly Envelope[], quartierId: string | null): Envelope | undefined {
  return (
    (quartierId ? envelopes.find((envelope) => envelope.quartierId === quartierId) : undefined) ??
    envelopes.find((envelope) => envelope.quartierId === null)
  );
}

export async function submitProject(
  caller: Caller,
  input: SubmitProjectInput,
  deps: { store: BudgetStore; now: Date; quartierExists: (id: string) => Promise<boolean> },
): Promise<{ project: Project } | Problem | null> {
  const { now } = deps;
  if (input.estimatedCostCents <= 0) {
    return problem("invalid_cost", "Le coût estimé doit être un montant positif, en centimes d'euro.", {
      givenCents: input.estimatedCostCents,
    });
  }
  if (input.location && !insideEurometropole(input.location)) {
    return problem(
      "location_outside_eurometropole",
      "Le lieu du projet doit se trouver dans l'Eurométropole.",
    );
  }
  // The directory is asked before the transaction: no call to another system while holding database locks (on
  // PGlite, the directory's own query would wait for this transaction's connection forever).
  if (input.quartierId) {
    const envelopes = await deps.store.envelopesOfCampaigns([input.campaignId]);
    const hasEnvelope = envelopes.some((envelope) => envelope.quartierId === input.quartierId);
    if (!hasEnvelope && !(await deps.quartierExists(input.quartierId))) {
      return problem("unknown_quartier", "Ce quartier n'existe pas.", { quartierId: input.quartierId });
    }
  }
  const result = await deps.store.transaction(async (tx) => {
    const campaign = await tx.campaign(input.campaignId, "share");
    if (!campaign) return null;
    if (!submissionOpen(campaign, now)) {
      return problem("submission_closed", "Le dépôt des projets n'est pas ouvert pour cette campagne.", {
        phase: campaign.phase,
      });
    }
    const reasons = ineligibilityReasons(caller, campaign);
    if (reasons.length > 0) return problem("not_eligible", ineligibilityMessage(reasons), { reasons });

    const envelopes = await tx.envelopes(campaign.id);
    const envelope = envelopeFor(envelopes, input.quartierId);
    if (!envelope) {
      return problem(
        "no_envelope_for_quartier",
        "Cette campagne n'a pas d'enveloppe pour ce quartier ni d'enveloppe pour toute la ville.",
      );
    }
    const cap = Math.min(campaign.projectCapCents, envelope.amountCents);
    if (input.estimatedCostCents > cap) {
      return problem(
        "over_project_cap",
        `Un projet ne peut coûter plus de ${euros(cap)} dans cette enveloppe.`,
        {
          capCents: cap,
          costCents: input.estimatedCostCents,
        },
      );
    }
    const project: Project = {
      id: newId(),
      campaignId: campaign.id,
      envelopeId: envelope.id,
      authorId: caller.accountId,
      title: input.title,
      description: input.description,
      quartierId: input.quartierId,
      latitude: input.location?.lat ?? null,
      longitude: input.location?.lon ?? null,
      estimatedCostCents: input.estimatedCostCents,
      reviewedCostCents: null,
      links: input.links,
      status: "submitted",
      mergedIntoId: null,
      progressPercent: null,
      finalCostCents: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insertProject(project, caller.accountId);
    await tx.recordEvents([
      {
        type: "budget.project_submitted",
        subject: projectSubject(project.id),
        payload: {
          projectId: project.id,
          campaignId: campaign.id,
          authorId: caller.accountId,
          at: now.toISOString(),
        },
      },
    ]);
    return { project };
  });
  return result;
}
