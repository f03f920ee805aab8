// Posting a comment at the top of a thread, or a reply. Refused with a typed problem: an empty or oversized text,
// a target that does not exist or is not open to comments (asked of the subgraph that owns it), a reply below the
// thread's maximum depth or to a hidden comment, and a person over the rate limit (a comment bomb). With an
// idempotency key, a retried post (the app lost the answer) gets the comment it created, never a second one; the
// same key for another target or parent is a mistake of the app, refused.
import { newId } from "../../../platform/ids.ts";
import type { RateWindow } from "../ports/commentStore.ts";
import type { CommandContext, NotFound, StateConflict } from "./context.ts";
import type { CommentRecord, Target } from "./model.ts";
import { checkedText, type InvalidText } from "./text.ts";

export type PostResult =
  | { kind: "posted"; comment: CommentRecord }
  | InvalidText
  | { kind: "target_not_found" }
  | { kind: "target_closed" }
  | NotFound
  | { kind: "too_deep"; maxDepth: number }
  | StateConflict
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "idempotency_key_reused" };

/** Where a post goes: its target, and its parent for a reply. */
interface Destination {
  target: Target;
  parentId: string | null;
}

/** A comment found by its key answers the retry when it went where this post goes. */
function replay(comment: CommentRecord, to: Destination): PostResult {
  const same =
    comment.targetType === to.target.type &&
    comment.targetId === to.target.id &&
    comment.parentId === to.parentId;
  return same ? { kind: "posted", comment } : { kind: "idempotency_key_reused" };
}

async function earlierPost(ctx: CommandContext, key: string | null, to: Destination) {
  if (key === null) return null;
  const comment = await ctx.store.byIdempotencyKey(ctx.accountId, key);
  return comment ? replay(comment, to) : null;
}

export function rateWindows(ctx: Pick<CommandContext, "rules" | "now">): RateWindow[] {
  const ago = (seconds: number) => new Date(ctx.now.getTime() - seconds * 1000);
  return [
    { since: ago(60), max: ctx.rules.perMinute, seconds: 60 },
    { since: ago(3_600), max: ctx.rules.perHour, seconds: 3_600 },
  ];
}

export async function postComment(
  ctx: CommandContext,
  target: Target,
  body: string,
  idempotencyKey: string | null = null,
): Promise<PostResult> {
  const text = checkedText("body", body, ctx.rules.maxLength);
  if ("kind" in text) return text;
  // A retry is answered before the target is asked: it may have closed since the first attempt succeeded.
  const earlier = await earlierPost(ctx, idempotencyKey, { target, parentId: null });
  if (earlier) return earlier;
  const status = await ctx.targets.status(target);
  if (status === "not_found") return { kind: "target_not_found" };
  if (status === "closed") return { kind: "target_closed" };
  return post(ctx, target, null, text.text, idempotencyKey);
}

export async function replyToComment(
  ctx: CommandContext,
  parentId: string,
  body: string,
  idempotencyKey: string | null = null,
): Promise<PostResult> {
  const text = checkedText("body", body, ctx.rules.maxLength);
  if ("kind" in text) return text;
  const [parent] = await ctx.store.byIds([parentId]);
  if (!parent) return { kind: "not_found" };
  const earlier = await earlierPost(ctx, idempotencyKey, {
    target: { type: parent.targetType, id: parent.targetId },
    parentId: parent.id,
  });
  if (earlier) return earlier;
  if (parent.depth >= ctx.rules.maxDepth) return { kind: "too_deep", maxDepth: ctx.rules.maxDepth };
  // A hidden comment takes no replies (they would answer what nobody can read); a deleted one still does.
  if (parent.state === "hidden") return { kind: "state_conflict", state: parent.state };
  const target: Target = { type: parent.targetType, id: parent.targetId };
  const status = await ctx.targets.status(target);
  if (status !== "open") return { kind: "target_closed" };
  return post(ctx, target, parent, text.text, idempotencyKey);
}

async function post(
  ctx: CommandContext,
  target: Target,
  parent: CommentRecord | null,
  body: string,
  idempotencyKey: string | null,
): Promise<PostResult> {
  const outcome = await ctx.store.post(
    {
      id: newId(),
      target,
      parent: parent ? { id: parent.id, depth: parent.depth } : null,
      authorAccountId: ctx.accountId,
      body,
      idempotencyKey,
    },
    rateWindows(ctx),
  );
  if (outcome.kind === "parent_conflict") return { kind: "state_conflict", state: outcome.state };
  // A concurrent retry with the same key posted first (found under the author's lock).
  if (outcome.kind === "replayed") return replay(outcome.comment, { target, parentId: parent?.id ?? null });
  return outcome;
}
