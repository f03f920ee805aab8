// The ballot ledger as the budget subgraph sees it: a tamper-evident, append-only log (the shared ledger module of
// platform/ledger/) where each ballot cast or replaced is one entry under a random pseudonymous token.
// Anyone can recompute the tally from the published entries: the last entry of each token is that ballot.

export type BallotLedgerKind = "ballot.cast" | "ballot.replaced";

export interface BallotLedgerEntry {
  kind: BallotLedgerKind;
  campaignId: string;
  /** The ballot's random ledger token (never derived from the account). */
  token: string;
  /** The selection, sorted. */
  projectIds: string[];
  revision: number;
  at: Date;
}

export interface LedgerHead {
  size: number;
  /** Root hash, hex. */
  rootHash: string;
}
