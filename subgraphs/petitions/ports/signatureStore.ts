// What the petitions subgraph needs from storage for signatures and their idempotency keys.
import type { Page } from "../../../platform/pagination.ts";
import type { PetitionRecord, SignatureRecord } from "../domain/model.ts";
import type { ListKey } from "./listKey.ts";

/** Signatures, inside a petition transaction. */
export interface SignatureTx {
  /** False when the (account, key) pair was taken meanwhile. */
  saveIdempotencyKey(
    accountId: string,
    key: string,
    petitionId: string,
    signatureId: string,
    now: Date,
  ): Promise<boolean>;
  signatureByToken(petitionId: string, token: string): Promise<SignatureRecord | null>;
  /**
   * What signing needs to know under the lock, in one read: the caller's idempotency key (if already used) and
   * their signature on this petition (if any). One round trip less per signature on a busy petition.
   */
  signingState(
    accountId: string,
    key: string,
    petitionId: string,
    token: string,
  ): Promise<{
    replay: { petitionId: string; signatureId: string } | null;
    existing: SignatureRecord | null;
  }>;
  signatureById(id: string): Promise<SignatureRecord | null>;
  insertSignature(signature: SignatureRecord): Promise<void>;
  /** A signature that was withdrawn and is given again (same token: the unique constraint holds). */
  renewSignature(
    id: string,
    values: Pick<
      SignatureRecord,
      "accountId" | "publicName" | "verificationLevel" | "signedAt" | "ledgerSeq"
    >,
  ): Promise<SignatureRecord>;
  withdrawSignature(id: string, at: Date, ledgerSeq: number): Promise<void>;
  activeSignatures(petitionId: string): Promise<SignatureRecord[]>;
}

/** Signature reads, for the loaders. */
export interface SignatureReads {
  /** The caller's current (not withdrawn) signatures on these petitions. */
  signaturesOfAccount(accountId: string, petitionIds: readonly string[]): Promise<SignatureRecord[]>;
  signatureIdempotency(
    accountId: string,
    key: string,
  ): Promise<{ petitionId: string; signatureId: string } | null>;
  /** The account's current signatures' petitions, latest signature first (`signedAt` is the cursor's value). */
  signedPetitions(
    accountId: string,
    page: Page<ListKey>,
  ): Promise<{ rows: (PetitionRecord & { signedAt: Date })[]; total: number }>;
  publicSigners(
    petitionId: string,
    page: Page<ListKey>,
  ): Promise<{ id: string; publicName: string; signedAt: Date }[]>;
  /** Current signatures, per account. */
  signedCounts(accountIds: readonly string[]): Promise<Map<string, number>>;
}
