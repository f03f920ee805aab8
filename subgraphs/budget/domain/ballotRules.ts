// What makes a ballot valid: known, distinct projects of the campaign that are on the ballot (feasible), in one
// envelope when the campaign votes per envelope, and within each envelope's rules — approval (at most N
// projects) or knapsack (total cost within the envelope, optionally at least a minimum share of it). Pure.
import { type BallotScope, ballotCost, type Envelope, type Project } from "./model.ts";
import { euros, type Problem, problem } from "./problems.ts";

export interface ValidBallot {
  /** The selection, sorted: the canonical form stored and written to the ledger. */
  projectIds: string[];
  totalCostCents: number;
}

export function checkBallot(
  projectIds: readonly string[],
  campaign: { id: string; ballotScope: BallotScope },
  envelopes: readonly Envelope[],
  projectsById: ReadonlyMap<string, Project>,
): ValidBallot | Problem {
  if (projectIds.length === 0) return problem("empty_ballot", "Le bulletin ne contient aucun projet.");

  const seen = new Set<string>();
  const duplicates = projectIds.filter((id) => {
    if (seen.has(id)) return true;
    seen.add(id);
    return false;
  });
  if (duplicates.length > 0) {
    return problem("duplicate_projects", "Un même projet figure plusieurs fois sur le bulletin.", {
      projectIds: [...new Set(duplicates)],
    });
  }

  const unknown = projectIds.filter((id) => projectsById.get(id)?.campaignId !== campaign.id);
  if (unknown.length > 0) {
    return problem("unknown_projects", "Certains projets n'existent pas dans cette campagne.", {
      projectIds: unknown,
    });
  }
  const projects = projectIds.map((id) => projectsById.get(id) as Project);

  const notOnBallot = projects.filter((project) => project.status !== "feasible");
  if (notOnBallot.length > 0) {
    return problem("ineligible_projects", "Certains projets ne sont pas soumis au vote.", {
      projectIds: notOnBallot.map((project) => project.id),
    });
  }

  const first = projects[0] as Project;
  if (campaign.ballotScope === "envelope") {
    const outside = projects.filter((project) => project.envelopeId !== first.envelopeId);
    if (outside.length > 0) {
      return problem(
        "out_of_envelope",
        "Dans cette campagne, un bulletin ne choisit que des projets d'une même enveloppe.",
        { envelopeId: first.envelopeId, projectIds: outside.map((project) => project.id) },
      );
    }
  }

  for (const envelope of envelopes) {
    const chosen = projects.filter((project) => project.envelopeId === envelope.id);
    if (chosen.length === 0) continue;
    const total = chosen.reduce((sum, project) => sum + ballotCost(project), 0);
    if (envelope.ballotStyle === "approval") {
      if (envelope.maxProjects !== null && chosen.length > envelope.maxProjects) {
        return problem(
          "too_many_projects",
          `L'enveloppe « ${envelope.label} » permet de choisir au plus ${envelope.maxProjects} projet(s).`,
          { envelopeId: envelope.id, maxProjects: envelope.maxProjects, chosen: chosen.length },
        );
      }
      continue;
    }
    if (total > envelope.amountCents) {
      return problem(
        "over_budget",
        `Les projets choisis dans l'enveloppe « ${envelope.label} » coûtent ${euros(total)}, au-delà de ses ${euros(envelope.amountCents)}.`,
        { envelopeId: envelope.id, amountCents: envelope.amountCents, totalCostCents: total },
      );
    }
    const minimum = minimumSpend(envelope);
    if (total < minimum) {
      return problem(
        "below_minimum_share",
        `Les projets choisis dans l'enveloppe « ${envelope.label} » doivent atteindre au moins ${euros(minimum)}.`,
        { envelopeId: envelope.id, minimumCents: minimum, totalCostCents: total },
      );
    }
  }

  return {
    projectIds: [...projectIds].sort(),
    totalCostCents: projects.reduce((sum, project) => sum + ballotCost(project), 0),
  };
}

/** The least a knapsack ballot must spend in an envelope (rounded up to the cent). */
export function minimumSpend(envelope: Pick<Envelope, "amountCents" | "minimumSharePercent">): number {
  if (!envelope.minimumSharePercent) return 0;
  return Math.ceil((envelope.amountCents * envelope.minimumSharePercent) / 100);
}
