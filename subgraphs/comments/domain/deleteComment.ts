// The author's right to delete: the text and the link to the author go, the comment keeps its place in the thread
// (marked deleted) so that the replies still answer something. A hidden comment can be deleted too.
import type { CommandContext, NotFound, StateConflict } from "./context.ts";
import type { CommentRecord } from "./model.ts";

export type DeleteResult =
  | { kind: "deleted"; comment: CommentRecord }
  | NotFound
  | { kind: "not_author" }
  | StateConflict;

export async function deleteComment(ctx: CommandContext, id: string): Promise<DeleteResult> {
  const [comment] = await ctx.store.byIds([id]);
  if (!comment) return { kind: "not_found" };
  if (comment.state === "deleted") return { kind: "state_conflict", state: comment.state };
  if (comment.authorAccountId !== ctx.accountId) return { kind: "not_author" };
  const deleted = await ctx.store.delete(id, ctx.accountId, ctx.now);
  if (!deleted) return { kind: "state_conflict", state: "deleted" };
  return { kind: "deleted", comment: deleted };
}
