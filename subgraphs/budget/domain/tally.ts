// The results, computed deterministically from the ballots. In each envelope, the projects on the ballot are
// ranked by votes; then the envelope is filled in rank order, a project being selected when its cost still fits
// in what remains, skipped otherwise (the next ones may still fit). A project without any vote is never selected.
//
// Tie rule (published with the results): at equal votes, the cheaper project ranks first (it leaves room for
// more projects), then the one submitted first, then the smaller id. Every input is public, so anyone can
// recompute the same ranking from the ledger's ballots.
import type { Envelope, ResultReason } from "./model.ts";

export const TIE_RULE =
  "À égalité de voix, le projet le moins coûteux est classé devant ; puis le projet déposé le plus tôt ; puis " +
  "celui dont l'identifiant est le plus petit (ordre lexicographique).";

export interface TallyProject {
  id: string;
  envelopeId: string;
  costCents: number;
  submittedAt: Date;
}

export interface ProjectOutcome {
  projectId: string;
  envelopeId: string;
  votes: number;
  /** 1-based rank inside the envelope. */
  rank: number;
  selected: boolean;
  reason: ResultReason;
}

export interface Tally {
  ballotCount: number;
  outcomes: ProjectOutcome[];
  envelopes: { envelopeId: string; amountCents: number; allocatedCents: number }[];
}

/** Counts one vote per ballot for each project it chooses, among the given projects. */
export function countVotes(
  projects: readonly TallyProject[],
  ballots: readonly (readonly string[])[],
): Map<string, number> {
  const votes = new Map(projects.map((project) => [project.id, 0]));
  for (const ballot of ballots) {
    for (const id of new Set(ballot)) {
      const current = votes.get(id);
      if (current !== undefined) votes.set(id, current + 1);
    }
  }
  return votes;
}

function compareForRank(votes: Map<string, number>) {
  return (a: TallyProject, b: TallyProject) =>
    (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) ||
    a.costCents - b.costCents ||
    a.submittedAt.getTime() - b.submittedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function tally(
  envelopes: readonly Pick<Envelope, "id" | "amountCents" | "position">[],
  projects: readonly TallyProject[],
  ballots: readonly (readonly string[])[],
): Tally {
  const votes = countVotes(projects, ballots);
  const outcomes: ProjectOutcome[] = [];
  const summary: Tally["envelopes"] = [];
  for (const envelope of [...envelopes].sort((a, b) => a.position - b.position)) {
    const ranked = projects
      .filter((project) => project.envelopeId === envelope.id)
      .sort(compareForRank(votes));
    let remaining = envelope.amountCents;
    ranked.forEach((project, index) => {
      const projectVotes = votes.get(project.id) ?? 0;
      let reason: ResultReason;
      if (projectVotes === 0) reason = "no_votes";
      else if (project.costCents <= remaining) {
        reason = "selected";
        remaining -= project.costCents;
      } else reason = "did_not_fit";
      outcomes.push({
        projectId: project.id,
        envelopeId: envelope.id,
        votes: projectVotes,
        rank: index + 1,
        selected: reason === "selected",
        reason,
      });
    });
    summary.push({
      envelopeId: envelope.id,
      amountCents: envelope.amountCents,
      allocatedCents: envelope.amountCents - remaining,
    });
  }
  return { ballotCount: ballots.length, outcomes, envelopes: summary };
}

/** True when two tallies give every project the same votes, rank and outcome, from the same number of ballots. */
export function sameTally(a: Tally, b: Tally): boolean {
  if (a.ballotCount !== b.ballotCount || a.outcomes.length !== b.outcomes.length) return false;
  const key = (outcome: ProjectOutcome) =>
    `${outcome.projectId}:${outcome.votes}:${outcome.rank}:${outcome.reason}`;
  const left = a.outcomes.map(key).sort();
  const right = b.outcomes.map(key).sort();
  return left.every((value, index) => value === right[index]);
}
