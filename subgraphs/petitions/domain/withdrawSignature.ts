// A signer withdraws their signature while the petition is open: the count goes down in the same transaction
// and the ledger records the withdrawal under the same pseudonymous token (its entries alternate +1/−1).
import type { CommandContext } from "./context.ts";
import { changeCount } from "./counting.ts";
import { petitionLogId } from "./model.ts";
import { Abort, notFound, notOpen, type Outcome } from "./results.ts";
import { signerToken } from "./signPetition.ts";
import { canView, isPublic, isSigningOpen } from "./status.ts";

const notSigned = () =>
  ({
    kind: "signature_not_found",
    message: "Vous n'avez pas de signature en cours sur cette pétition.",
  }) as const;

export async function withdrawSignature(ctx: CommandContext, petitionId: string): Promise<Outcome> {
  const accountId = ctx.caller.accountId;
  if (!accountId) return notSigned();
  const token = signerToken(ctx.tokenSecret, petitionId, accountId);
  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        // A public petition is visible to all: co-authors are read only for the others.
        if (
          !isPublic(petition) &&
          !canView(
            petition,
            ctx.caller,
            (await tx.coAuthors(petitionId)).map((row) => row.accountId),
          )
        ) {
          throw new Abort(notFound());
        }
        const signature = await tx.signatureByToken(petitionId, token);
        if (!signature || signature.withdrawnAt !== null) throw new Abort(notSigned());
        if (!isSigningOpen(petition, ctx.now)) throw new Abort(notOpen(petition, ctx.now));
        const appended = await tx.appendLedger(
          petitionLogId(petitionId),
          {
            kind: "signature.withdrawn",
            token,
            delta: -1,
          },
          ctx.now,
        );
        await tx.withdrawSignature(signature.id, ctx.now, appended.seq);
        const updated = await changeCount(tx, petition, { online: -1, paper: 0 }, ctx.rules, ctx.now);
        return { kind: "signature_withdrawn", petition: updated };
      },
      { petitionId: petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
