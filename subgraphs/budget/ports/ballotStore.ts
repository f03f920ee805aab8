// What the budget subgraph needs from storage for ballots and their tamper-evident ledger.
import type { Campaign, Envelope, Project } from "../domain/model.ts";
import type { BallotLedgerEntry, LedgerHead } from "./ballotLedger.ts";

export interface Ballot {
  id: string;
  campaignId: string;
  voterKey: string;
  ledgerToken: string;
  projectIds: string[];
  totalCostCents: number;
  revision: number;
  /** Leaf index of the latest ledger entry of this ballot, when known (see BallotReads.ledgerIndexOf). */
  ledgerIndex?: number;
  castAt: Date;
  updatedAt: Date;
}

/** What a processed cast asked for, remembered under its idempotency key. */
export interface BallotRequest {
  projectIds: string[];
  revision: number;
}

/** Ballot reads and writes, inside a budget transaction. */
export interface BallotTx {
  /**
   * What a ballot is checked against: the campaign's envelopes and projects. During the vote neither can change
   * (envelopes never do; statuses and costs change only with the phase), so the store may keep them in memory.
   */
  ballotFacts(campaign: Campaign): Promise<{ envelopes: Envelope[]; projects: Map<string, Project> }>;
  /** The voter's ballot, locked for update. */
  ballot(campaignId: string, voterKey: string): Promise<Ballot | null>;
  /** Inserts the ballot and its first request unless the voter already has one (then false, nothing written). */
  insertBallot(ballot: Ballot, idempotencyKey: string): Promise<boolean>;
  replaceBallot(
    id: string,
    change: Pick<Ballot, "projectIds" | "totalCostCents" | "revision">,
    at: Date,
  ): Promise<void>;
  /** A request already applied to this ballot under this idempotency key, if any. */
  ballotRequest(ballotId: string, idempotencyKey: string): Promise<BallotRequest | null>;
  recordBallotRequest(
    ballotId: string,
    idempotencyKey: string,
    request: BallotRequest,
    at: Date,
  ): Promise<void>;
  /** Every current ballot's selection. */
  selections(campaignId: string): Promise<string[][]>;

  /** Appends a ballot to the tamper-evident ledger; returns its position. */
  appendToLedger(entry: BallotLedgerEntry): Promise<{ leafIndex: number }>;
  /** The campaign's ledger entries, in ledger order. */
  ledgerEntries(campaignId: string): Promise<{ leafIndex: number; entry: BallotLedgerEntry }[]>;
  ledgerHead(campaignId: string): Promise<LedgerHead>;
  /** Whether the campaign's stored entries still hash to its stored head (nobody edited the ledger's tables). */
  ledgerIntact(campaignId: string): Promise<boolean>;
}

/** Ballot reads, for the loaders. */
export interface BallotReads {
  ballotCounts(campaignIds: readonly string[]): Promise<Map<string, number>>;
  ballotOf(campaignId: string, voterKey: string): Promise<Ballot | null>;
  /** Leaf index of a ballot's latest entry in its campaign's ledger. */
  ledgerIndexOf(campaignId: string, ledgerToken: string): Promise<number | null>;
}
