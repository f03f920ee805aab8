// The author may correct a comment within the edit window; afterwards it stands as it was read and answered.
import type { CommandContext, NotFound, StateConflict } from "./context.ts";
import type { CommentRecord } from "./model.ts";
import { editableUntil } from "./rules.ts";
import { checkedText, type InvalidText } from "./text.ts";

export type EditResult =
  | { kind: "edited"; comment: CommentRecord }
  | InvalidText
  | NotFound
  | { kind: "not_author" }
  | { kind: "window_closed"; editableUntil: Date }
  | StateConflict;

export async function editComment(ctx: CommandContext, id: string, body: string): Promise<EditResult> {
  const text = checkedText("body", body, ctx.rules.maxLength);
  if ("kind" in text) return text;
  const [comment] = await ctx.store.byIds([id]);
  if (!comment) return { kind: "not_found" };
  if (comment.state !== "visible") return { kind: "state_conflict", state: comment.state };
  if (comment.authorAccountId !== ctx.accountId) return { kind: "not_author" };
  const until = editableUntil(comment.createdAt, ctx.rules);
  if (ctx.now.getTime() > until.getTime()) return { kind: "window_closed", editableUntil: until };
  const edited = await ctx.store.edit(id, ctx.accountId, text.text, ctx.now);
  if (!edited) {
    const [current] = await ctx.store.byIds([id]);
    return current ? { kind: "state_conflict", state: current.state } : { kind: "not_found" };
  }
  return { kind: "edited", comment: edited };
}
