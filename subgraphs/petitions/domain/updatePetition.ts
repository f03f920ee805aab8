// The author edits their draft (and its invitations). Once submitted, the text is frozen.
import type { CommandContext, QuartierDirectory } from "./context.ts";
import { checkDraft, type DraftInput } from "./draft.ts";
import { Abort, notAuthor, notFound, type Outcome, stateConflict } from "./results.ts";
import { canView } from "./status.ts";

export async function updatePetition(
  ctx: CommandContext,
  quartiers: QuartierDirectory,
  petitionId: string,
  input: DraftInput,
): Promise<Outcome> {
  const me = ctx.caller.accountId;
  if (!me) return notAuthor();
  const checked = await checkDraft(input, me, ctx.rules, quartiers);
  try {
    return await ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        if (petition.authorAccountId !== me) {
          const coAuthors = (await tx.coAuthors(petitionId)).map((row) => row.accountId);
          throw new Abort(canView(petition, ctx.caller, coAuthors) ? notAuthor() : notFound());
        }
        if (petition.state !== "draft") throw new Abort(stateConflict(petition.state, "modifier le texte"));
        if ("problem" in checked) throw new Abort(checked.problem);
        const { draft } = checked;
        const updated = await tx.updatePetition(
          petitionId,
          { title: draft.title, body: draft.body, theme: draft.theme, quartierId: draft.quartierId },
          ctx.now,
        );
        await tx.setInvitations(petitionId, draft.coAuthorIds, ctx.now);
        return { kind: "updated", petition: updated };
      },
      { petitionId: petitionId },
    );
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}
