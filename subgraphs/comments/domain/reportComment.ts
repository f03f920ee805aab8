// An abuse report puts the comment into the moderators' queue. One per person and comment; "other" needs details;
// a person files a bounded number per hour (reports are a tool, not a weapon).
import { newId } from "../../../platform/ids.ts";
import type { CommandContext, NotFound, StateConflict } from "./context.ts";
import type { CommentRecord, ReportReason } from "./model.ts";
import { checkedText, type InvalidText } from "./text.ts";

export type ReportResult =
  | { kind: "reported"; comment: CommentRecord }
  | NotFound
  | { kind: "already_reported" }
  | { kind: "own_comment" }
  | InvalidText
  | StateConflict
  | { kind: "rate_limited"; retryAfterSeconds: number };

export async function reportComment(
  ctx: CommandContext,
  id: string,
  reason: ReportReason,
  details: string | null,
): Promise<ReportResult> {
  let cleaned: string | null = null;
  if (details !== null && details.trim() !== "") {
    const text = checkedText("details", details, ctx.rules.detailsMaxLength);
    if ("kind" in text) return text;
    cleaned = text.text;
  }
  if (reason === "other" && cleaned === null) {
    return { kind: "invalid_text", field: "details", reason: "empty", max: ctx.rules.detailsMaxLength };
  }
  const [comment] = await ctx.store.byIds([id]);
  if (!comment) return { kind: "not_found" };
  if (comment.authorAccountId === ctx.accountId) return { kind: "own_comment" };
  const outcome = await ctx.store.report(
    { id: newId(), commentId: id, reporterAccountId: ctx.accountId, reason, details: cleaned },
    { since: new Date(ctx.now.getTime() - 3_600_000), max: ctx.rules.reportsPerHour, seconds: 3_600 },
  );
  switch (outcome.kind) {
    case "reported":
      return { kind: "reported", comment: outcome.comment };
    case "already_reported":
      return outcome;
    case "rate_limited":
      return outcome;
    case "not_reportable":
      return { kind: "state_conflict", state: outcome.state };
  }
}
