// One vote per person and comment, for or against; voting the other way replaces the vote, withdrawing removes it.
// The store counts under a lock on the comment, so concurrent votes are each counted exactly once.
import type { CommandContext, NotFound, StateConflict } from "./context.ts";
import type { CommentRecord, VoteValue } from "./model.ts";

export type VoteResult =
  | { kind: "voted"; comment: CommentRecord }
  | NotFound
  | { kind: "already_voted" }
  | { kind: "no_vote" }
  | { kind: "own_comment" }
  | StateConflict;

export async function voteOnComment(
  ctx: CommandContext,
  id: string,
  value: VoteValue | null,
): Promise<VoteResult> {
  const [comment] = await ctx.store.byIds([id]);
  if (!comment) return { kind: "not_found" };
  if (value !== null && comment.authorAccountId === ctx.accountId) return { kind: "own_comment" };
  const outcome = await ctx.store.vote(id, ctx.accountId, value);
  switch (outcome.kind) {
    case "changed":
      return { kind: "voted", comment: outcome.comment };
    case "unchanged":
      return { kind: "already_voted" };
    case "no_vote":
      return { kind: "no_vote" };
    case "not_votable":
      return { kind: "state_conflict", state: outcome.state };
  }
}
