// Moderators hide a comment (with a public reason, shown in its place), restore it (with a public reason too), or
// dismiss its reports. Each decision resolves the comment's open reports and takes it out of the queue; hiding and
// restoring are announced by an outbox event (comment.hidden, comment.restored) carrying no personal data.
import type { CommandContext, NotFound, StateConflict } from "./context.ts";
import type { CommentRecord, CommentState } from "./model.ts";
import { checkedText, type InvalidText } from "./text.ts";

export type ModerateResult =
  | { kind: "moderated"; comment: CommentRecord }
  | NotFound
  | InvalidText
  | StateConflict;

export type Decision = "hide" | "restore" | "dismiss";

const TRANSITIONS: Record<Decision, { from: CommentState[]; to: CommentState; event: string | null }> = {
  hide: { from: ["visible"], to: "hidden", event: "comment.hidden" },
  restore: { from: ["hidden"], to: "visible", event: "comment.restored" },
  dismiss: { from: ["visible", "hidden"], to: "visible", event: null },
};

export async function moderateComment(
  ctx: CommandContext,
  id: string,
  decision: Decision,
  reason: string | null,
): Promise<ModerateResult> {
  let publicReason: string | null = null;
  if (decision !== "dismiss") {
    const text = checkedText("reason", reason ?? "", ctx.rules.reasonMaxLength, { multiline: false });
    if ("kind" in text) return text;
    publicReason = text.text;
  }
  const transition = TRANSITIONS[decision];
  const [comment] = await ctx.store.byIds([id]);
  if (!comment) return { kind: "not_found" };
  // Dismissing keeps the state: only the reports are resolved.
  const to = decision === "dismiss" ? comment.state : transition.to;
  if (!transition.from.includes(comment.state) || (decision === "dismiss" && comment.openReportCount === 0)) {
    return { kind: "state_conflict", state: comment.state };
  }
  const moderated = await ctx.store.moderate(
    id,
    decision === "dismiss" ? [comment.state] : transition.from,
    to,
    { moderatorAccountId: ctx.accountId, reason: publicReason, at: ctx.now },
    decision === "hide" ? "hidden" : "dismissed",
    transition.event
      ? {
          type: transition.event,
          payload: {
            commentId: id,
            targetType: comment.targetType,
            targetId: comment.targetId,
            reason: publicReason,
          },
        }
      : null,
  );
  if (!moderated) {
    const [current] = await ctx.store.byIds([id]);
    return current ? { kind: "state_conflict", state: current.state } : { kind: "not_found" };
  }
  return { kind: "moderated", comment: moderated };
}
