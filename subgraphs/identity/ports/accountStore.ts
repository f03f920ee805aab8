// What the identity subgraph needs from storage. Implemented on Prisma in adapters/.
import type { Role, VerificationLevel } from "../../../platform/caller.ts";

export interface AccountRecord {
  id: string;
  verificationLevel: VerificationLevel;
  roles: Role[];
  staffService: string | null;
  homeQuartierId: string | null;
}

export interface AccountSnapshot {
  id: string;
  subject: string;
  verificationLevel: VerificationLevel;
  roles: Role[];
  staffService: string | null;
}

export interface AccountStore {
  /** Creates the account on first sight or refreshes what the latest sign-in says about it. */
  upsertFromSignIn(snapshot: AccountSnapshot): Promise<void>;
  accountsByIds(ids: readonly string[]): Promise<AccountRecord[]>;
  setHomeQuartier(accountId: string, quartierId: string | null): Promise<AccountRecord | null>;
  /** Number of live accounts per quartier, for the given quartiers. */
  participantCounts(quartierIds: readonly string[]): Promise<Map<string, number>>;
  /** Upstream subjects of live accounts, by account id (to ask MonStrasbourg.eu for profiles). */
  subjectsByIds(ids: readonly string[]): Promise<Map<string, string>>;
  /** Every live account's id and subject, in pages (for the synchronisation of deleted accounts). */
  liveSubjects(afterId: string | null, limit: number): Promise<{ id: string; subject: string }[]>;
  /** Everything stored about one live account, for the person's own export. */
  exportAccount(accountId: string): Promise<Record<string, unknown> | null>;
  /** The person's own export and erasure requests still kept as evidence, oldest first (part of their export). */
  dataRequestsOf(accountId: string): Promise<
    {
      id: string;
      kind: string;
      requestedAt: Date;
      completedAt: Date | null;
      outcome: unknown;
    }[]
  >;
  /** Records a person's export or erasure request (evidence for the DPO); returns its id. */
  recordDataRequest(accountId: string, kind: "export" | "erasure"): Promise<string>;
  completeDataRequest(id: string, outcome: Record<string, unknown>): Promise<void>;
  /** Deletes the evidence of export and erasure requests made before `before`; returns how many. */
  deleteDataRequestsBefore(before: Date): Promise<number>;
  /** Forgets the subject and everything personal of an account; keeps the row so references stay valid. */
  eraseAccount(accountId: string): Promise<{ erased: number; pseudonymised: number }>;
}
