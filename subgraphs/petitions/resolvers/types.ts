// Field resolvers of the petitions subgraph's types: records in, schema out. Derived values (displayed status,
// HTML renderings, eligibility) come from the domain; lists from the per-request loaders (one SQL per batch).
import type { SubgraphContext } from "../../../platform/context.ts";
import { isUuid } from "../../../platform/ids.ts";
import { ledgerSql, ledgerView } from "../../../platform/ledger/index.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { SCHEMA } from "../adapters/sqlPetitionStore.ts";
import { ineligibilityOf } from "../domain/eligibility.ts";
import {
  AUDIT_LOG_ID,
  type ExportAuditRecord,
  type PaperBatchRecord,
  type PetitionRecord,
  petitionLogId,
  type SignatureRecord,
} from "../domain/model.ts";
import { canView, displayedStatusOf, isSigningOpen } from "../domain/status.ts";
import { escapeHtml, toHtml } from "../domain/text.ts";
import type { PetitionLoaders } from "../loaders.ts";
import { ListKeySchema } from "./inputs.ts";

export type Ctx = SubgraphContext<PetitionLoaders>;

const ref = (id: string | null) => (id ? { id } : null);

/** The petition if the caller may see it (drafts and moderation: authors, invited co-authors, staff). */
export async function visiblePetition(id: string, ctx: Ctx): Promise<PetitionRecord | null> {
  if (!isUuid(id)) return null;
  const petition = await ctx.loaders.petition.load(id);
  if (!petition) return null;
  const coAuthors = await ctx.loaders.coAuthors.load(id);
  return canView(
    petition,
    ctx.caller,
    coAuthors.map((row) => row.accountId),
  )
    ? petition
    : null;
}

export const petitionLedger = (petitionId: string, ctx: Ctx) =>
  ledgerView(ledgerSql(ctx.db), SCHEMA, petitionLogId(petitionId), ctx.loaders.signer);

export const auditLedger = (ctx: Ctx) =>
  ledgerView(ledgerSql(ctx.db), SCHEMA, AUDIT_LOG_ID, ctx.loaders.signer);

export function petitionConnection(
  rows: PetitionRecord[],
  first: number,
  total: number,
  keyOf: (row: PetitionRecord) => unknown,
) {
  return { ...toConnection(rows, first, keyOf), totalCount: total };
}

export const typeResolvers = {
  Petition: {
    __resolveReference: (reference: { id: string }, ctx: Ctx) => visiblePetition(reference.id, ctx),
    titleHtml: (petition: PetitionRecord) => escapeHtml(petition.title),
    bodyHtml: (petition: PetitionRecord) => toHtml(petition.body),
    quartier: (petition: PetitionRecord) => ref(petition.quartierId),
    author: (petition: PetitionRecord) => ref(petition.authorAccountId),
    async coAuthors(petition: PetitionRecord, _: unknown, ctx: Ctx) {
      const rows = await ctx.loaders.coAuthors.load(petition.id);
      return rows.filter((row) => row.acceptedAt !== null).map((row) => ({ id: row.accountId }));
    },
    async invitedCoAuthors(petition: PetitionRecord, _: unknown, ctx: Ctx) {
      const rows = await ctx.loaders.coAuthors.load(petition.id);
      return rows.filter((row) => row.acceptedAt === null).map((row) => ({ id: row.accountId }));
    },
    displayedStatus: (petition: PetitionRecord, _: unknown, ctx: Ctx) =>
      displayedStatusOf(petition, ctx.loaders.rules, new Date()),
    signingOpen: (petition: PetitionRecord) => isSigningOpen(petition, new Date()),
    response: (petition: PetitionRecord) =>
      petition.responseText !== null && petition.respondedAt !== null
        ? {
            text: petition.responseText,
            respondedAt: petition.respondedAt,
            service: petition.responseService,
            responderAccountId: petition.responderAccountId,
          }
        : null,
    onlineSignatureCount: (petition: PetitionRecord) => petition.onlineCount,
    paperSignatureCount: (petition: PetitionRecord) => petition.paperCount,
    paperBatches: (petition: PetitionRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.paperBatches.load(petition.id),
    milestones: (petition: PetitionRecord, _: unknown, ctx: Ctx) => ctx.loaders.milestones.load(petition.id),
    nextMilestone(petition: PetitionRecord, _: unknown, ctx: Ctx) {
      const { meetingThreshold, councilThreshold } = ctx.loaders.rules;
      const next =
        petition.signatureCount < meetingThreshold
          ? { kind: "meeting", threshold: meetingThreshold }
          : petition.signatureCount < councilThreshold
            ? { kind: "council", threshold: councilThreshold }
            : null;
      return next && { ...next, remaining: next.threshold - petition.signatureCount };
    },
    async publicSigners(petition: PetitionRecord, args: { first?: number; after?: string }, ctx: Ctx) {
      const page = parsePage(args, ListKeySchema);
      const rows = await ctx.loaders.store.publicSigners(petition.id, page);
      return toConnection(rows, page.first, (row) => ({ v: row.signedAt.toISOString(), id: row.id }));
    },
    mySignature: (petition: PetitionRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.mySignature.load(petition.id),
    viewerEligibility(_petition: PetitionRecord, _: unknown, ctx: Ctx) {
      const reasons = ineligibilityOf(ctx.caller, ctx.loaders.rules);
      return { eligible: reasons.length === 0, reasons };
    },
    ledger: (petition: PetitionRecord, _: unknown, ctx: Ctx) => petitionLedger(petition.id, ctx),
    moderator: (petition: PetitionRecord) => ref(petition.moderatorAccountId),
  },
  PetitionResponse: {
    textHtml: (response: { text: string }) => toHtml(response.text),
    responder: (response: { responderAccountId: string | null }) => ref(response.responderAccountId),
  },
  PaperSignatureBatch: {
    ledgerIndex: (batch: PaperBatchRecord) => batch.ledgerSeq,
    enteredBy: (batch: PaperBatchRecord) => ref(batch.enteredByAccountId),
  },
  Signature: {
    petition: (signature: SignatureRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.petition.load(signature.petitionId),
    ledgerIndex: (signature: SignatureRecord) => signature.ledgerSeq,
    ledgerToken: (signature: SignatureRecord) => signature.signerToken,
    inclusionProof: (signature: SignatureRecord, _: unknown, ctx: Ctx) =>
      petitionLedger(signature.petitionId, ctx).inclusionProof({ index: signature.ledgerSeq }),
  },
  SignatureExport: {
    ledgerHead: (
      result: { ledgerHead: Parameters<Ctx["loaders"]["signer"]["sign"]>[0] },
      _: unknown,
      ctx: Ctx,
    ) => ctx.loaders.signer.sign(result.ledgerHead),
  },
  ExportedSignature: {
    ledgerIndex: (signature: SignatureRecord) => signature.ledgerSeq,
    ledgerToken: (signature: SignatureRecord) => signature.signerToken,
  },
  PetitionExportAudit: {
    petition: (audit: ExportAuditRecord, _: unknown, ctx: Ctx) => ctx.loaders.petition.load(audit.petitionId),
    actor: (audit: ExportAuditRecord) => ref(audit.actorAccountId),
    ledgerIndex: (audit: ExportAuditRecord) => audit.ledgerSeq,
  },
  Account: {
    // The reference reveals nothing by itself: every field is gated by permissions.ts.
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
    authoredPetitionCount: (account: { id: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.authoredCount.load(account.id),
    signedPetitionCount: (account: { id: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.signedCount.load(account.id),
    async signedPetitions(account: { id: string }, args: { first?: number; after?: string }, ctx: Ctx) {
      const page = parsePage(args, ListKeySchema);
      const { rows, total } = await ctx.loaders.store.signedPetitions(account.id, page);
      return {
        ...toConnection(rows, page.first, (row) => ({ v: row.signedAt.toISOString(), id: row.id })),
        totalCount: total,
      };
    },
  },
};
