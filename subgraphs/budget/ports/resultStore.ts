// What the budget subgraph needs from storage for a campaign's results.
import type { ResultReason } from "../domain/model.ts";

export interface ResultRow {
  id: string;
  campaignId: string;
  envelopeId: string;
  projectId: string;
  votes: number;
  rank: number;
  selected: boolean;
  reason: ResultReason;
}

/** Result writes, inside a budget transaction. */
export interface ResultTx {
  insertResults(rows: ResultRow[]): Promise<void>;
  publishResults(
    campaignId: string,
    facts: { at: Date; ballotCount: number; ledgerSize: number; ledgerRoot: string },
  ): Promise<void>;
}

/** Result reads, for the loaders. */
export interface ResultReads {
  resultsOfCampaigns(campaignIds: readonly string[]): Promise<ResultRow[]>;
  resultsOfProjects(projectIds: readonly string[]): Promise<ResultRow[]>;
}
