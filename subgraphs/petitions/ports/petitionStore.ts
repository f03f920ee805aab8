// What the petitions subgraph needs from storage. Implemented on Prisma in adapters/. Commands that change
// anything run inside `transaction`: their PetitionTx locks the petition row first (every change to one petition
// is serialised by that lock, so counts stay exact), and also appends to the ledger and the outbox — all or nothing.
import type { AppendedEntry, LedgerEntryInput, TreeHead } from "../../../platform/ledger/index.ts";
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { Page } from "../../../platform/pagination.ts";
import type {
  CoAuthorRecord,
  DisplayedStatus,
  ExportAuditRecord,
  MilestoneKind,
  MilestoneRecord,
  PaperBatchRecord,
  PetitionRecord,
  PetitionState,
  SignatureRecord,
  Theme,
} from "../domain/model.ts";
import type { PetitionRules } from "../domain/rules.ts";

export type PetitionSort = "newest" | "most_signed" | "ending_soonest";

export interface PetitionListFilter {
  states?: PetitionState[];
  displayedStatuses?: DisplayedStatus[];
  quartierId?: string;
  theme?: Theme;
  authorId?: string;
  search?: string;
}

/** Who is listing: decides which non-public petitions appear (their own; all for staff). */
export interface Viewer {
  accountId: string | null;
  seesEverything: boolean;
}

/** Keyset of a listing: the sort value of the last row and its id. */
export interface ListKey {
  v: string | number | null;
  id: string;
}

export interface PetitionPatch {
  title?: string;
  body?: string;
  theme?: Theme;
  quartierId?: string | null;
  state?: PetitionState;
  rejectionReason?: string | null;
  responseText?: string | null;
  respondedAt?: Date | null;
  responseService?: string | null;
  responderAccountId?: string | null;
  moderatorAccountId?: string | null;
  listedAt?: Date;
  submittedAt?: Date | null;
  moderationStartedAt?: Date | null;
  publishedAt?: Date | null;
  signingStartsAt?: Date | null;
  signingEndsAt?: Date | null;
  rejectedAt?: Date | null;
  closedAt?: Date | null;
  withdrawnAt?: Date | null;
}

export interface NewPetition {
  id: string;
  title: string;
  body: string;
  theme: Theme;
  quartierId: string | null;
  authorAccountId: string;
  createdAt: Date;
}

export interface PetitionTx {
  /** SELECT … FOR UPDATE: serialises every change to this petition until the transaction ends. */
  lockPetition(id: string): Promise<PetitionRecord | null>;
  insertPetition(petition: NewPetition): Promise<PetitionRecord>;
  updatePetition(id: string, patch: PetitionPatch, now: Date): Promise<PetitionRecord>;
  /** Adds `online` and `paper` (either may be negative) to the counts; returns the new total. */
  addToCounts(id: string, online: number, paper: number, now: Date): Promise<PetitionRecord>;

  coAuthors(petitionId: string): Promise<CoAuthorRecord[]>;
  /** Replaces the invitations: keeps existing rows (and acceptances) of the ids still listed. */
  setInvitations(petitionId: string, accountIds: readonly string[], now: Date): Promise<void>;
  acceptInvitation(petitionId: string, accountId: string, now: Date): Promise<boolean>;

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

  insertMilestone(milestone: MilestoneRecord): Promise<void>;
  milestones(petitionId: string): Promise<MilestoneRecord[]>;
  insertPaperBatch(batch: PaperBatchRecord): Promise<void>;
  paperBatches(petitionId: string): Promise<PaperBatchRecord[]>;
  insertExportAudit(audit: ExportAuditRecord): Promise<void>;

  /** Appends to a log; the entry is dated `recordedAt` (the command's clock) or now, never before the last one. */
  appendLedger(logId: string, entry: LedgerEntryInput, recordedAt?: Date): Promise<AppendedEntry>;
  ledgerHead(logId: string): Promise<TreeHead>;
  recordEvents(events: readonly DomainEvent[]): Promise<void>;
}

export interface ErasureCounts {
  erased: number;
  pseudonymised: number;
}

export interface PetitionStore {
  /**
   * Runs fn in one transaction. With `petitionId`, work on that petition is queued in this process first (it
   * will wait on the petition's row lock anyway), so a burst on one petition does not hold every connection.
   */
  transaction<T>(fn: (tx: PetitionTx) => Promise<T>, options?: { petitionId?: string }): Promise<T>;

  petitionsByIds(ids: readonly string[]): Promise<PetitionRecord[]>;
  coAuthorsOf(petitionIds: readonly string[]): Promise<CoAuthorRecord[]>;
  milestonesOf(petitionIds: readonly string[]): Promise<MilestoneRecord[]>;
  paperBatchesOf(petitionIds: readonly string[]): Promise<PaperBatchRecord[]>;
  /** The caller's current (not withdrawn) signatures on these petitions. */
  signaturesOfAccount(accountId: string, petitionIds: readonly string[]): Promise<SignatureRecord[]>;
  signatureIdempotency(
    accountId: string,
    key: string,
  ): Promise<{ petitionId: string; signatureId: string } | null>;

  listPetitions(
    filter: PetitionListFilter,
    sort: PetitionSort,
    viewer: Viewer,
    page: Page<ListKey>,
    rules: PetitionRules,
    now: Date,
  ): Promise<{ rows: PetitionRecord[]; total: number }>;
  moderationQueue(page: Page<ListKey>): Promise<{ rows: PetitionRecord[]; total: number }>;
  /** The account's current signatures' petitions, latest signature first (`signedAt` is the cursor's value). */
  signedPetitions(
    accountId: string,
    page: Page<ListKey>,
  ): Promise<{ rows: (PetitionRecord & { signedAt: Date })[]; total: number }>;
  publicSigners(
    petitionId: string,
    page: Page<ListKey>,
  ): Promise<{ id: string; publicName: string; signedAt: Date }[]>;
  /** Public petitions authored, per account. */
  authoredCounts(accountIds: readonly string[]): Promise<Map<string, number>>;
  /** Current signatures, per account. */
  signedCounts(accountIds: readonly string[]): Promise<Map<string, number>>;
  exportAudits(petitionId: string | null, page: Page<ListKey>): Promise<ExportAuditRecord[]>;

  /** Published petitions whose signing period ended before `now` with fewer than `belowCount` signatures. */
  expiredPetitionIds(now: Date, belowCount: number): Promise<string[]>;
  eraseAccount(accountId: string): Promise<ErasureCounts>;
  /**
   * The right of access: everything stored about the account — petitions authored (without their co-authors' ids),
   * invitations, signatures (withdrawn ones too) with their ledger token, index and leaf hash, idempotency keys,
   * and what the person did as staff (moderation, answers, paper batches, exports). Nothing about anyone else.
   */
  exportAccount(accountId: string): Promise<Record<string, unknown>>;
}

export type { MilestoneKind };
