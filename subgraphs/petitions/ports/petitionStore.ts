// What the petitions subgraph needs from storage, one port per aggregate (this file: petitions with their
// co-authors and milestones; signatureStore, staffRecordStore, accountDataStore), implemented in SQL in adapters/.
// Commands that change anything run inside `transaction`: their PetitionTx locks the petition row first (every
// change to one petition is serialised by that lock, so counts stay exact), and also appends to the ledger and the
// outbox — all or nothing.
import type { AppendedEntry, LedgerEntryInput, TreeHead } from "../../../platform/ledger/index.ts";
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { Page } from "../../../platform/pagination.ts";
import type {
  CoAuthorRecord,
  DisplayedStatus,
  MilestoneKind,
  MilestoneRecord,
  PetitionRecord,
  PetitionState,
  Theme,
} from "../domain/model.ts";
import type { PetitionRules } from "../domain/rules.ts";
import type { AccountDataStore } from "./accountDataStore.ts";
import type { ListKey } from "./listKey.ts";
import type { SignatureReads, SignatureTx } from "./signatureStore.ts";
import type { StaffRecordReads, StaffRecordTx } from "./staffRecordStore.ts";

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

/** A petition, its co-authors and milestones, inside a petition transaction. */
export interface PetitionRecordTx {
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

  insertMilestone(milestone: MilestoneRecord): Promise<void>;
  milestones(petitionId: string): Promise<MilestoneRecord[]>;
}

/** The petition's ledger and outbox, written in the same transaction as the change they record. */
export interface LedgerAndEventTx {
  /** Appends to a log; the entry is dated `recordedAt` (the command's clock) or now, never before the last one. */
  appendLedger(logId: string, entry: LedgerEntryInput, recordedAt?: Date): Promise<AppendedEntry>;
  ledgerHead(logId: string): Promise<TreeHead>;
  recordEvents(events: readonly DomainEvent[]): Promise<void>;
}

export type PetitionTx = PetitionRecordTx & SignatureTx & StaffRecordTx & LedgerAndEventTx;

/** Petition reads, for the loaders and jobs. */
export interface PetitionReads {
  petitionsByIds(ids: readonly string[]): Promise<PetitionRecord[]>;
  coAuthorsOf(petitionIds: readonly string[]): Promise<CoAuthorRecord[]>;
  milestonesOf(petitionIds: readonly string[]): Promise<MilestoneRecord[]>;
  listPetitions(
    filter: PetitionListFilter,
    sort: PetitionSort,
    viewer: Viewer,
    page: Page<ListKey>,
    rules: PetitionRules,
    now: Date,
  ): Promise<{ rows: PetitionRecord[]; total: number }>;
  moderationQueue(page: Page<ListKey>): Promise<{ rows: PetitionRecord[]; total: number }>;
  /** Public petitions authored, per account. */
  authoredCounts(accountIds: readonly string[]): Promise<Map<string, number>>;
  /** Published petitions whose signing period ended before `now` with fewer than `belowCount` signatures. */
  expiredPetitionIds(now: Date, belowCount: number): Promise<string[]>;
}

export interface PetitionTransactions {
  /**
   * Runs fn in one transaction. With `petitionId`, work on that petition is queued in this process first (it
   * will wait on the petition's row lock anyway), so a burst on one petition does not hold every connection.
   */
  transaction<T>(fn: (tx: PetitionTx) => Promise<T>, options?: { petitionId?: string }): Promise<T>;
}

export type PetitionStore = PetitionTransactions &
  PetitionReads &
  SignatureReads &
  StaffRecordReads &
  AccountDataStore;

export type { MilestoneKind };
