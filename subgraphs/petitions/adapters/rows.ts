// Rows → domain records. SQL selects the columns under the records' field names (SELECT_* here),
// so one mapper per record serves both backends; dates may arrive as Date or text, counts as number or text.
import type {
  CoAuthorRecord,
  ExportAuditRecord,
  MilestoneKind,
  MilestoneRecord,
  PaperBatchRecord,
  PetitionRecord,
  PetitionState,
  SignatureRecord,
  Theme,
} from "../domain/model.ts";

export type Row = Record<string, unknown>;

export const SELECT_PETITION = `p.id::text AS id, p.title, p.body, p.theme, p.quartier_id::text AS "quartierId",
  p.author_account_id::text AS "authorAccountId", p.state, p.rejection_reason AS "rejectionReason",
  p.response_text AS "responseText", p.responded_at AS "respondedAt", p.response_service AS "responseService",
  p.responder_account_id::text AS "responderAccountId", p.moderator_account_id::text AS "moderatorAccountId",
  p.online_count AS "onlineCount", p.paper_count AS "paperCount", p.signature_count AS "signatureCount",
  p.listed_at AS "listedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
  p.submitted_at AS "submittedAt", p.moderation_started_at AS "moderationStartedAt", p.published_at AS "publishedAt",
  p.signing_starts_at AS "signingStartsAt", p.signing_ends_at AS "signingEndsAt", p.rejected_at AS "rejectedAt",
  p.closed_at AS "closedAt", p.withdrawn_at AS "withdrawnAt"`;

export const SELECT_SIGNATURE = `s.id::text AS id, s.petition_id::text AS "petitionId", s.signer_token AS "signerToken",
  s.account_id::text AS "accountId", s.public_name AS "publicName", s.verification_level AS "verificationLevel",
  s.signed_at AS "signedAt", s.withdrawn_at AS "withdrawnAt", s.ledger_seq::text AS "ledgerSeq"`;

const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));
const dateOrNull = (value: unknown) => (value === null || value === undefined ? null : date(value));
const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

export const SELECT_CO_AUTHOR = `petition_id::text AS "petitionId", account_id::text AS "accountId", invited_at AS "invitedAt",
  accepted_at AS "acceptedAt"`;
export const SELECT_MILESTONE = `petition_id::text AS "petitionId", kind, threshold, reached_at AS "reachedAt",
  signature_count AS "signatureCount"`;
export const SELECT_PAPER_BATCH = `id::text AS id, petition_id::text AS "petitionId", count,
  to_char(collected_on, 'YYYY-MM-DD') AS "collectedOn", location, entered_by_account_id::text AS "enteredByAccountId",
  entered_by_service AS "enteredByService", entered_at AS "enteredAt", ledger_seq::text AS "ledgerSeq"`;
export const SELECT_AUDIT = `id::text AS id, petition_id::text AS "petitionId", actor_account_id::text AS "actorAccountId",
  actor_service AS "actorService", purpose, row_count AS "rowCount", exported_at AS "exportedAt",
  ledger_seq::text AS "ledgerSeq"`;

export function toPetition(row: Row): PetitionRecord {
  return {
    id: String(row.id),
    title: String(row.title),
    body: String(row.body),
    theme: row.theme as Theme,
    quartierId: textOrNull(row.quartierId),
    authorAccountId: textOrNull(row.authorAccountId),
    state: row.state as PetitionState,
    rejectionReason: textOrNull(row.rejectionReason),
    responseText: textOrNull(row.responseText),
    respondedAt: dateOrNull(row.respondedAt),
    responseService: textOrNull(row.responseService),
    responderAccountId: textOrNull(row.responderAccountId),
    moderatorAccountId: textOrNull(row.moderatorAccountId),
    onlineCount: Number(row.onlineCount),
    paperCount: Number(row.paperCount),
    signatureCount: Number(row.signatureCount),
    listedAt: date(row.listedAt),
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    submittedAt: dateOrNull(row.submittedAt),
    moderationStartedAt: dateOrNull(row.moderationStartedAt),
    publishedAt: dateOrNull(row.publishedAt),
    signingStartsAt: dateOrNull(row.signingStartsAt),
    signingEndsAt: dateOrNull(row.signingEndsAt),
    rejectedAt: dateOrNull(row.rejectedAt),
    closedAt: dateOrNull(row.closedAt),
    withdrawnAt: dateOrNull(row.withdrawnAt),
  };
}

export function toSignature(row: Row): SignatureRecord {
  return {
    id: String(row.id),
    petitionId: String(row.petitionId),
    signerToken: String(row.signerToken),
    accountId: textOrNull(row.accountId),
    publicName: textOrNull(row.publicName),
    verificationLevel: String(row.verificationLevel),
    signedAt: date(row.signedAt),
    withdrawnAt: dateOrNull(row.withdrawnAt),
    ledgerSeq: Number(row.ledgerSeq),
  };
}

export function toCoAuthor(row: Row): CoAuthorRecord {
  return {
    petitionId: String(row.petitionId),
    accountId: String(row.accountId),
    invitedAt: date(row.invitedAt),
    acceptedAt: dateOrNull(row.acceptedAt),
  };
}

export function toMilestone(row: Row): MilestoneRecord {
  return {
    petitionId: String(row.petitionId),
    kind: row.kind as MilestoneKind,
    threshold: Number(row.threshold),
    reachedAt: date(row.reachedAt),
    signatureCount: Number(row.signatureCount),
  };
}

export function toPaperBatch(row: Row): PaperBatchRecord {
  return {
    id: String(row.id),
    petitionId: String(row.petitionId),
    count: Number(row.count),
    collectedOn: String(row.collectedOn),
    location: String(row.location),
    enteredByAccountId: textOrNull(row.enteredByAccountId),
    enteredByService: textOrNull(row.enteredByService),
    enteredAt: date(row.enteredAt),
    ledgerSeq: Number(row.ledgerSeq),
  };
}

export function toExportAudit(row: Row): ExportAuditRecord {
  return {
    id: String(row.id),
    petitionId: String(row.petitionId),
    actorAccountId: textOrNull(row.actorAccountId),
    actorService: textOrNull(row.actorService),
    purpose: String(row.purpose),
    rowCount: Number(row.rowCount),
    exportedAt: date(row.exportedAt),
    ledgerSeq: Number(row.ledgerSeq),
  };
}
