// The author withdraws the petition, at any step before the city's answer. Signatures stay in the ledger.
import type { CommandContext } from "./context.ts";
import { Abort, notAuthor, notFound, type Outcome, stateConflict } from "./results.ts";
import { canTransition, canView } from "./status.ts";

export async function withdrawPetition(ctx: CommandContext, petitionId: string): Promise<Outcome> {
  const me = ctx.caller.accountId;
  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        if (!me || petition.authorAccountId !== me) {
          const coAuthors = (await tx.coAuthors(petitionId)).map((row) => row.accountId);
          throw new Abort(canView(petition, ctx.caller, coAuthors) ? notAuthor() : notFound());
        }
        if (!canTransition(petition.state, "withdrawn"))
          throw new Abort(stateConflict(petition.state, "retirer"));
        const updated = await tx.updatePetition(
          petitionId,
          { state: "withdrawn", withdrawnAt: ctx.now },
          ctx.now,
        );
        await tx.recordEvents([
          {
            type: "petition.withdrawn",
            subject: `petition:${petitionId}`,
            payload: {
              petitionId,
              authorId: me,
              withdrawnAt: ctx.now.toISOString(),
              signatureCount: updated.signatureCount,
            },
          },
        ]);
        return { kind: "withdrawn", petition: updated };
      },
      { petitionId: petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
