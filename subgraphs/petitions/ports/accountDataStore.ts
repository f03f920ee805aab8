// What the petitions subgraph needs from storage for a person's data across petitions, signatures and staff
// records: the right of access and erasure.

export interface ErasureCounts {
  erased: number;
  pseudonymised: number;
}

export interface AccountDataStore {
  eraseAccount(accountId: string): Promise<ErasureCounts>;
  /**
   * The right of access: everything stored about the account — petitions authored (without their co-authors' ids),
   * invitations, signatures (withdrawn ones too) with their ledger token, index and leaf hash, idempotency keys,
   * and what the person did as staff (moderation, answers, paper batches, exports). Nothing about anyone else.
   */
  exportAccount(accountId: string): Promise<Record<string, unknown>>;
}
