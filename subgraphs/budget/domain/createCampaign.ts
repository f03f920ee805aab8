// createBudgetCampaign: staff open a new edition — total budget, cap per project, envelopes (the whole city and/or
// quartiers, each with its ballot style), dated phases and the eligibility rules. The campaign starts in the
// submission phase; submissions are accepted from its submission start date.
import { newId } from "../../../platform/ids.ts";
import type { BudgetStore } from "../ports/budgetStore.ts";
import { phaseChanged } from "./events.ts";
import type { BallotScope, BallotStyle, Campaign, EligibilityRules, Envelope } from "./model.ts";
import { euros, type Problem, problem } from "./problems.ts";

export interface EnvelopeInput {
  quartierId: string | null;
  label: string;
  amountCents: number;
  ballotStyle: BallotStyle;
  maxProjects: number | null;
  minimumSharePercent: number | null;
}

export interface CreateCampaignInput extends EligibilityRules {
  title: string;
  description: string;
  totalBudgetCents: number;
  projectCapCents: number;
  submissionStartsAt: Date;
  submissionEndsAt: Date;
  votingStartsAt: Date;
  votingEndsAt: Date;
  ballotScope: BallotScope;
  ballotChangeable: boolean;
  envelopes: EnvelopeInput[];
}

/** Checks everything that needs no storage; returns the first problem found. */
export function checkCampaign(input: CreateCampaignInput): Problem | null {
  if (input.totalBudgetCents <= 0 || input.projectCapCents <= 0) {
    return problem("invalid_amount", "Les montants doivent être positifs, en centimes d'euro.");
  }
  if (input.projectCapCents > input.totalBudgetCents) {
    return problem("invalid_amount", "Le plafond par projet ne peut dépasser le budget total.");
  }
  if (
    !(
      input.submissionStartsAt < input.submissionEndsAt &&
      input.submissionEndsAt <= input.votingStartsAt &&
      input.votingStartsAt < input.votingEndsAt
    )
  ) {
    return problem(
      "invalid_schedule",
      "Les dates doivent se suivre : début puis fin du dépôt, puis début et fin du vote.",
    );
  }
  if (input.minimumAge !== null && input.minimumAge !== 16 && input.minimumAge !== 18) {
    return problem("invalid_envelopes", "L'âge minimum est 16 ou 18 ans (ou aucun).");
  }
  if (input.envelopes.length === 0)
    return problem("invalid_envelopes", "Une campagne a au moins une enveloppe.");
  if (input.envelopes.filter((envelope) => envelope.quartierId === null).length > 1) {
    return problem("invalid_envelopes", "Une campagne a au plus une enveloppe pour toute la ville.");
  }
  const quartiers = input.envelopes.flatMap((envelope) => (envelope.quartierId ? [envelope.quartierId] : []));
  if (new Set(quartiers).size !== quartiers.length) {
    return problem("invalid_envelopes", "Un quartier a au plus une enveloppe.");
  }
  for (const envelope of input.envelopes) {
    if (envelope.amountCents <= 0) {
      return problem("invalid_envelopes", `L'enveloppe « ${envelope.label} » doit avoir un montant positif.`);
    }
    if (envelope.ballotStyle === "approval" && envelope.minimumSharePercent !== null) {
      return problem(
        "invalid_envelopes",
        "La part minimale ne s'applique qu'au vote par budget (sac à dos).",
      );
    }
    if (envelope.ballotStyle === "knapsack" && envelope.maxProjects !== null) {
      return problem(
        "invalid_envelopes",
        "Le nombre maximal de projets ne s'applique qu'au vote par approbation.",
      );
    }
    if (envelope.maxProjects !== null && envelope.maxProjects < 1) {
      return problem("invalid_envelopes", "Le nombre maximal de projets est d'au moins 1.");
    }
    if (
      envelope.minimumSharePercent !== null &&
      (envelope.minimumSharePercent < 0 || envelope.minimumSharePercent > 100)
    ) {
      return problem("invalid_envelopes", "La part minimale est un pourcentage entre 0 et 100.");
    }
  }
  const sum = input.envelopes.reduce((total, envelope) => total + envelope.amountCents, 0);
  if (sum > input.totalBudgetCents) {
    return problem(
      "invalid_envelopes",
      `Les enveloppes totalisent ${euros(sum)}, au-delà du budget de ${euros(input.totalBudgetCents)}.`,
    );
  }
  return null;
}

export async function createCampaign(
  input: CreateCampaignInput,
  deps: { store: BudgetStore; now: Date; quartierExists: (id: string) => Promise<boolean> },
): Promise<{ campaign: Campaign } | Problem> {
  const refused = checkCampaign(input);
  if (refused) return refused;
  for (const envelope of input.envelopes) {
    if (envelope.quartierId && !(await deps.quartierExists(envelope.quartierId))) {
      return problem("unknown_quartier", "Ce quartier n'existe pas.", { quartierId: envelope.quartierId });
    }
  }
  const { envelopes: envelopeInputs, ...rules } = input;
  const campaign: Campaign = {
    id: newId(),
    ...rules,
    phase: "submission",
    resultsPublishedAt: null,
    resultsBallotCount: null,
    resultsLedgerSize: null,
    resultsLedgerRoot: null,
    createdAt: deps.now,
  };
  const envelopes: Envelope[] = envelopeInputs.map((envelope, position) => ({
    id: newId(),
    campaignId: campaign.id,
    position,
    ...envelope,
  }));
  await deps.store.transaction(async (tx) => {
    await tx.insertCampaign(campaign, envelopes);
    // Opening the submissions is the campaign's first phase change, announced like the others.
    await tx.recordEvents([phaseChanged(campaign.id, null, "submission", deps.now)]);
  });
  return { campaign };
}
