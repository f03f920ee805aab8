// A resident drafts a petition: it is a draft, visible to its author and invited co-authors only.
import { newId } from "../../../platform/ids.ts";
import type { CommandContext, QuartierDirectory } from "./context.ts";
import { checkDraft, type DraftInput } from "./draft.ts";
import { ineligibilityOf } from "./eligibility.ts";
import { notEligible, type Outcome } from "./results.ts";

export async function createPetition(
  ctx: CommandContext,
  quartiers: QuartierDirectory,
  input: DraftInput,
): Promise<Outcome> {
  const reasons = ineligibilityOf(ctx.caller, ctx.rules);
  const authorId = ctx.caller.accountId;
  if (reasons.length > 0 || !authorId) return notEligible(reasons.length > 0 ? reasons : ["not_a_person"]);
  const checked = await checkDraft(input, authorId, ctx.rules, quartiers);
  if ("problem" in checked) return checked.problem;
  const { draft } = checked;
  const petition = await ctx.store.transaction(async (tx) => {
    const created = await tx.insertPetition({
      id: newId(),
      title: draft.title,
      body: draft.body,
      theme: draft.theme,
      quartierId: draft.quartierId,
      authorAccountId: authorId,
      createdAt: ctx.now,
    });
    await tx.setInvitations(created.id, draft.coAuthorIds, ctx.now);
    return created;
  });
  return { kind: "created", petition };
}
