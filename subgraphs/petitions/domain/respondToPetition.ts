// The city answers a published petition officially (text and date); signing ends with the answer.
import type { CommandContext } from "./context.ts";
import { Abort, invalidText, notFound, type Outcome, stateConflict } from "./results.ts";
import { canTransition } from "./status.ts";
import { checkText, cleanText } from "./text.ts";

export async function respondToPetition(
  ctx: CommandContext,
  petitionId: string,
  rawText: string,
): Promise<Outcome> {
  const text = cleanText(rawText, { multiline: true });
  const problem = checkText(text, ctx.rules.text.response);
  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        if (!canTransition(petition.state, "answered"))
          throw new Abort(stateConflict(petition.state, "répondre"));
        if (problem) throw new Abort(invalidText("response", problem, ctx.rules.text.response));
        const updated = await tx.updatePetition(
          petitionId,
          {
            state: "answered",
            responseText: text,
            respondedAt: ctx.now,
            responseService: ctx.caller.staffService,
            responderAccountId: ctx.caller.accountId,
          },
          ctx.now,
        );
        await tx.recordEvents([
          {
            type: "petition.answered",
            subject: `petition:${petitionId}`,
            payload: {
              petitionId,
              authorId: petition.authorAccountId,
              respondedAt: ctx.now.toISOString(),
              service: ctx.caller.staffService,
              signatureCount: updated.signatureCount,
            },
          },
        ]);
        return { kind: "answered", petition: updated };
      },
      { petitionId: petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
