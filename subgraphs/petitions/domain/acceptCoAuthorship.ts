// An invited resident joins the supporting committee of a draft (consent: nobody is a co-author unasked).
import type { CommandContext } from "./context.ts";
import { ineligibilityOf } from "./eligibility.ts";
import { Abort, notEligible, type Outcome, stateConflict } from "./results.ts";

const notInvited = () =>
  ({
    kind: "not_invited",
    message: "Vous n'êtes pas invité au comité de soutien de cette pétition.",
  }) as const;

export async function acceptCoAuthorship(ctx: CommandContext, petitionId: string): Promise<Outcome> {
  const me = ctx.caller.accountId;
  if (!me) return notInvited();
  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        const invited = petition && (await tx.coAuthors(petitionId)).some((row) => row.accountId === me);
        if (!petition || !invited) throw new Abort(notInvited());
        if (petition.state !== "draft") throw new Abort(stateConflict(petition.state, "rejoindre le comité"));
        const reasons = ineligibilityOf(ctx.caller, ctx.rules);
        if (reasons.length > 0) throw new Abort(notEligible(reasons));
        await tx.acceptInvitation(petitionId, me, ctx.now);
        return { kind: "co_authorship_accepted", petition };
      },
      { petitionId: petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
