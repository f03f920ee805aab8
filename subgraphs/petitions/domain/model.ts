// The petitions domain's records: plain data, as the store returns them and the commands reason about them.

export const PETITION_STATES = [
  "draft",
  "submitted",
  "in_moderation",
  "published",
  "answered",
  "closed",
  "rejected",
  "withdrawn",
] as const;
export type PetitionState = (typeof PETITION_STATES)[number];

export const THEMES = [
  "mobility",
  "environment",
  "urban_planning",
  "public_space",
  "culture",
  "sport",
  "education",
  "solidarity",
  "safety",
  "democracy",
  "economy",
  "other",
] as const;
export type Theme = (typeof THEMES)[number];

export const DISPLAYED_STATUSES = [
  "soon_arrived",
  "new",
  "in_progress",
  "soon_finished",
  "completed",
  "failed",
] as const;
export type DisplayedStatus = (typeof DISPLAYED_STATUSES)[number];

export type MilestoneKind = "meeting" | "council";

export interface PetitionRecord {
  id: string;
  title: string;
  body: string;
  theme: Theme;
  quartierId: string | null;
  authorAccountId: string | null;
  state: PetitionState;
  rejectionReason: string | null;
  responseText: string | null;
  respondedAt: Date | null;
  responseService: string | null;
  responderAccountId: string | null;
  moderatorAccountId: string | null;
  onlineCount: number;
  paperCount: number;
  signatureCount: number;
  listedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  moderationStartedAt: Date | null;
  publishedAt: Date | null;
  signingStartsAt: Date | null;
  signingEndsAt: Date | null;
  rejectedAt: Date | null;
  closedAt: Date | null;
  withdrawnAt: Date | null;
}

export interface CoAuthorRecord {
  petitionId: string;
  accountId: string;
  invitedAt: Date;
  acceptedAt: Date | null;
}

export interface MilestoneRecord {
  petitionId: string;
  kind: MilestoneKind;
  threshold: number;
  reachedAt: Date;
  signatureCount: number;
}

export interface SignatureRecord {
  id: string;
  petitionId: string;
  signerToken: string;
  accountId: string | null;
  publicName: string | null;
  verificationLevel: string;
  signedAt: Date;
  withdrawnAt: Date | null;
  ledgerSeq: number;
}

export interface PaperBatchRecord {
  id: string;
  petitionId: string;
  count: number;
  /** Calendar day, YYYY-MM-DD. */
  collectedOn: string;
  location: string;
  enteredByAccountId: string | null;
  enteredByService: string | null;
  enteredAt: Date;
  ledgerSeq: number;
}

export interface ExportAuditRecord {
  id: string;
  petitionId: string;
  actorAccountId: string | null;
  actorService: string | null;
  purpose: string;
  rowCount: number;
  exportedAt: Date;
  ledgerSeq: number;
}

/** The ledger log of a petition's signature events, and the one of the council exports. */
export const petitionLogId = (petitionId: string) => `petition:${petitionId}`;
export const AUDIT_LOG_ID = "petitions:audit";
