// Staff open or close a project's or a consultation's comments. The comments subgraph asks `commentsOpen` of this
// subgraph before each post (never a copy of it), so closing takes effect at the next post; comments already
// there stay readable.
import type { CommandContext } from "./context.ts";
import { commentsSwitched } from "./events.ts";
import { consultationNotFound, type Problem, projectNotFound } from "./problems.ts";

export async function setCommentsOpen(
  kind: "project" | "consultation",
  id: string,
  open: boolean,
  ctx: CommandContext,
): Promise<{ id: string } | Problem> {
  const found = await ctx.store.transaction(async (tx) => {
    if (!(await tx.setCommentsOpen(kind, id, open))) return false;
    await tx.recordEvents([commentsSwitched(kind, id, open)]);
    return true;
  });
  if (!found) return kind === "project" ? projectNotFound() : consultationNotFound();
  return { id };
}
