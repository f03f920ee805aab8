// What the directory needs from storage for contributions: claims of representation and edit proposals.
import type { ApplyChangesResult, OrganizationChanges } from "./organizationStore.ts";

export type ClaimStatus = "pending" | "approved" | "rejected" | "revoked";
export type ProposalStatus = "pending" | "applied" | "rejected";

export interface ClaimRecord {
  id: string;
  organizationId: string;
  accountId: string | null;
  message: string | null;
  status: ClaimStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByAccountId: string | null;
  decisionNote: string | null;
}

export interface ProposalRecord {
  id: string;
  organizationId: string;
  proposedByAccountId: string | null;
  changes: OrganizationChanges;
  baseVersion: number;
  status: ProposalStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByAccountId: string | null;
  decisionNote: string | null;
}

export interface Decision {
  decidedByAccountId: string | null;
  note: string | null;
  at: Date;
}

export interface ContributionStore {
  claimsByIds(ids: readonly string[]): Promise<ClaimRecord[]>;
  /** The account's pending or approved claim on the organisation, if any. */
  openClaim(organizationId: string, accountId: string): Promise<ClaimRecord | null>;
  createClaim(
    claim: Omit<ClaimRecord, "status" | "createdAt" | "decidedAt" | "decidedByAccountId" | "decisionNote">,
  ): Promise<ClaimRecord>;
  /** Decides a pending claim; null when it is no longer pending. */
  decideClaim(id: string, status: "approved" | "rejected", decision: Decision): Promise<ClaimRecord | null>;
  pendingClaims(limit: number): Promise<ClaimRecord[]>;
  claimsOf(accountId: string): Promise<ClaimRecord[]>;
  /** The organisations among `organizationIds` the account represents (approved claim). */
  representedBy(accountId: string, organizationIds: readonly string[]): Promise<Set<string>>;
  representativesOf(
    organizationIds: readonly string[],
  ): Promise<{ organizationId: string; accountId: string }[]>;
  proposalsByIds(ids: readonly string[]): Promise<ProposalRecord[]>;
  createProposal(
    proposal: Pick<
      ProposalRecord,
      "id" | "organizationId" | "proposedByAccountId" | "changes" | "baseVersion"
    >,
  ): Promise<ProposalRecord>;
  pendingProposals(limit: number): Promise<ProposalRecord[]>;
  /**
   * Applies a pending proposal's changes (already reduced to what still differs) to the organisation at
   * `expectedVersion` and marks it applied, in one transaction. `already_decided` when it is no longer pending.
   */
  applyProposal(
    proposal: ProposalRecord,
    changes: OrganizationChanges,
    expectedVersion: number,
    decision: Decision,
  ): Promise<{ kind: "already_decided" } | ApplyChangesResult>;
  rejectProposal(id: string, decision: Decision): Promise<ProposalRecord | null>;
}

export interface ErasureStore {
  /** Erases or pseudonymises what the directory holds about an account; counts keep their meaning. */
  eraseAccount(accountId: string): Promise<{ erased: number; pseudonymised: number }>;
  /** Everything the directory holds about an account, for the person's own export (GDPR articles 15 and 20). */
  exportAccount(accountId: string): Promise<Record<string, unknown>>;
}
