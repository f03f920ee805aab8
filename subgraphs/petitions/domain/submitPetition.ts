// The author submits the draft for moderation, once the committee of co-authors who accepted is large enough.
import type { CommandContext } from "./context.ts";
import { ineligibilityOf } from "./eligibility.ts";
import {
  Abort,
  committeeSize,
  notAuthor,
  notEligible,
  notFound,
  type Outcome,
  stateConflict,
} from "./results.ts";
import { canTransition, canView } from "./status.ts";

export async function submitPetition(ctx: CommandContext, petitionId: string): Promise<Outcome> {
  const me = ctx.caller.accountId;
  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        const coAuthors = await tx.coAuthors(petitionId);
        if (!me || petition.authorAccountId !== me) {
          const visible = canView(
            petition,
            ctx.caller,
            coAuthors.map((row) => row.accountId),
          );
          throw new Abort(visible ? notAuthor() : notFound());
        }
        if (!canTransition(petition.state, "submitted"))
          throw new Abort(stateConflict(petition.state, "déposer"));
        const reasons = ineligibilityOf(ctx.caller, ctx.rules);
        if (reasons.length > 0) throw new Abort(notEligible(reasons));
        const accepted = coAuthors.filter((row) => row.acceptedAt !== null).length;
        if (accepted < ctx.rules.minCoAuthors) {
          throw new Abort(committeeSize(accepted, ctx.rules.minCoAuthors, ctx.rules.maxCoAuthors));
        }
        const updated = await tx.updatePetition(
          petitionId,
          { state: "submitted", submittedAt: ctx.now },
          ctx.now,
        );
        return { kind: "submitted", petition: updated };
      },
      { petitionId: petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
