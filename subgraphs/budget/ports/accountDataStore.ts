// What the budget subgraph needs from storage for a person's data across campaigns, projects and ballots: the
// right of access, erasure and retention.

export interface AccountDataStore {
  /**
   * Erasure: forgets the account as author, actor and reviewer, and detaches its ballots (found by their voter
   * keys, one per campaign) from it. Ballots stay counted.
   */
  eraseAccount(
    accountId: string,
    voterKeyOf: (campaignId: string) => string,
  ): Promise<{ erased: number; pseudonymised: number }>;
  /** Everything held about an account (the right of access): authored projects, ballots, reviews, notes. */
  exportAccount(
    accountId: string,
    voterKeyOf: (campaignId: string) => string,
  ): Promise<Record<string, unknown>>;
  /**
   * Retention: detaches from their voters the ballots of campaigns whose vote closed before `closedBefore`
   * (random voter keys, as at erasure) and forgets their idempotency keys. Returns the number of ballots detached.
   */
  detachVotersOfCampaignsClosedBefore(closedBefore: Date): Promise<number>;
}
