// Recounting a campaign from what it publishes: the ballot ledger's entries and the public facts of the projects
// on the ballot (envelope, cost, submission date). The result must equal the published votes, ranks and outcomes.
import type { BallotLedgerEntry } from "../ports/ballotLedger.ts";
import { latestSelections } from "./ledgerTally.ts";
import type { ResultReason } from "./model.ts";
import { type Tally, tally } from "./tally.ts";

export interface PublishedProjectResult {
  id: string;
  envelopeId: string;
  costCents: number;
  submittedAt: Date;
  votes: number;
  rank: number;
  reason: ResultReason;
}

export interface Recount {
  tally: Tally;
  /** Every difference between the recount and the published results (empty: they agree). */
  differences: string[];
}

export function recount(
  entries: readonly BallotLedgerEntry[],
  envelopes: readonly { id: string; amountCents: number }[],
  published: readonly PublishedProjectResult[],
  publishedBallotCount: number,
): Recount {
  const recounted = tally(
    envelopes.map((envelope, position) => ({ ...envelope, position })),
    published.map((project) => ({
      id: project.id,
      envelopeId: project.envelopeId,
      costCents: project.costCents,
      submittedAt: project.submittedAt,
    })),
    latestSelections(entries),
  );
  const differences: string[] = [];
  if (recounted.ballotCount !== publishedBallotCount) {
    differences.push(`${recounted.ballotCount} ballots in the ledger, ${publishedBallotCount} published`);
  }
  const byId = new Map(published.map((project) => [project.id, project]));
  for (const outcome of recounted.outcomes) {
    const shown = byId.get(outcome.projectId);
    if (!shown) continue;
    if (shown.votes !== outcome.votes || shown.rank !== outcome.rank || shown.reason !== outcome.reason) {
      differences.push(
        `project ${outcome.projectId}: recounted ${outcome.votes} votes, rank ${outcome.rank}, ${outcome.reason}; ` +
          `published ${shown.votes}, rank ${shown.rank}, ${shown.reason}`,
      );
    }
  }
  return { tally: recounted, differences };
}
