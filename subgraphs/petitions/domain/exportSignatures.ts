// Staff export a petition's signatures for the municipal council with the minimum of personal data (no account,
// no identity: the ledger token, the date, the verification level at signing and the public name the signer
// chose). Every export is recorded in the audit table and, tamper-evidently, in the audit ledger.
import { newId } from "../../../platform/ids.ts";
import { subjectToken } from "../../../platform/ledger/index.ts";
import type { CommandContext } from "./context.ts";
import { AUDIT_LOG_ID, petitionLogId } from "./model.ts";
import { Abort, invalidText, notFound, type Outcome } from "./results.ts";
import { checkText, cleanText } from "./text.ts";

export async function exportSignatures(
  ctx: CommandContext,
  petitionId: string,
  rawPurpose: string,
): Promise<Outcome> {
  const purpose = cleanText(rawPurpose, { multiline: false });
  const problem = checkText(purpose, ctx.rules.text.purpose);
  if (problem) return invalidText("purpose", problem, ctx.rules.text.purpose);
  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        // Drafts hold no signatures; a petition never published has nothing for the council.
        if (!petition || petition.publishedAt === null) throw new Abort(notFound());
        const signatures = await tx.activeSignatures(petitionId);
        const paperBatches = await tx.paperBatches(petitionId);
        // The head the export vouches for: the petition's ledger as it stands under the lock.
        const ledgerHead = await tx.ledgerHead(petitionLogId(petitionId));
        const auditId = newId();
        const actor = ctx.caller.accountId;
        const appended = await tx.appendLedger(AUDIT_LOG_ID, {
          kind: "signatures.exported",
          token: actor ? subjectToken(ctx.tokenSecret, AUDIT_LOG_ID, actor) : null,
          delta: 0,
          data: {
            auditId,
            petitionId,
            rows: signatures.length,
            service: ctx.caller.staffService,
            // What the export vouches for: the petition's ledger as it stood.
            petitionLogSize: ledgerHead.size,
            petitionLogRoot: ledgerHead.rootHash,
          },
        });
        await tx.insertExportAudit({
          id: auditId,
          petitionId,
          actorAccountId: actor,
          actorService: ctx.caller.staffService,
          purpose,
          rowCount: signatures.length,
          exportedAt: ctx.now,
          ledgerSeq: appended.seq,
        });
        return {
          kind: "signatures_exported",
          petition,
          generatedAt: ctx.now,
          purpose,
          signatures,
          paperBatches,
          signatureCount: petition.signatureCount,
          ledgerHead,
          auditId,
        };
      },
      { petitionId: petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
