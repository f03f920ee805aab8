// Domain outcomes to the schema's result unions: one __typename per outcome, with a French message.
import type { CommentState } from "../domain/model.ts";

// biome-ignore lint/suspicious/noExplicitAny: every command's outcome is a tagged union read by kind here.
type Outcome = { kind: string } & Record<string, any>;

const STATE: Record<CommentState, string> = { visible: "VISIBLE", hidden: "HIDDEN", deleted: "DELETED" };
export const stateOf = (state: CommentState): string => STATE[state];

const TEXT_REASON: Record<string, string> = { empty: "EMPTY", too_short: "TOO_SHORT", too_long: "TOO_LONG" };

/** Maps an outcome to its GraphQL object; `success` names the type of the success outcome. */
export function answer(result: { kind: string }, success: Record<string, string>): Record<string, unknown> {
  const outcome = result as Outcome;
  const typename = success[outcome.kind];
  if (typename) return { __typename: typename, comment: outcome.comment };
  switch (outcome.kind) {
    case "invalid_text":
      return {
        __typename: "InvalidCommentText",
        field: outcome.field,
        reason: TEXT_REASON[outcome.reason as string],
        max: outcome.max,
        message:
          outcome.reason === "empty"
            ? "Le texte est vide."
            : `Le texte est trop long : ${outcome.max} caractères au plus.`,
      };
    case "target_not_found":
      return { __typename: "CommentTargetNotFound", message: "Ce que vous voulez commenter n'existe pas." };
    case "target_closed":
      return {
        __typename: "CommentTargetClosed",
        message: "Ce que vous voulez commenter n'est pas ouvert aux commentaires.",
      };
    case "not_found":
      return { __typename: "CommentNotFound", message: "Ce commentaire n'existe pas." };
    case "too_deep":
      return {
        __typename: "CommentThreadTooDeep",
        maxDepth: outcome.maxDepth,
        message: "Ce fil de discussion est trop profond : répondez plus haut dans le fil.",
      };
    case "state_conflict":
      return {
        __typename: "CommentStateConflict",
        currentState: stateOf(outcome.state as CommentState),
        message: "Ce commentaire ne permet pas cette action dans son état actuel.",
      };
    case "rate_limited":
      return {
        __typename: "CommentRateLimited",
        retryAfterSeconds: outcome.retryAfterSeconds,
        message: `Trop de messages en peu de temps : réessayez dans ${outcome.retryAfterSeconds} secondes.`,
      };
    case "not_author":
      return { __typename: "NotCommentAuthor", message: "Seul l'auteur de ce commentaire peut faire cela." };
    case "window_closed":
      return {
        __typename: "CommentEditWindowClosed",
        editableUntil: outcome.editableUntil,
        message: "Le délai de modification de ce commentaire est passé.",
      };
    case "already_voted":
      return {
        __typename: "AlreadyVotedOnComment",
        message: "Vous avez déjà voté ainsi sur ce commentaire.",
      };
    case "no_vote":
      return { __typename: "CommentVoteNotFound", message: "Vous n'avez pas voté sur ce commentaire." };
    case "own_comment":
      return success.voted
        ? {
            __typename: "CannotVoteOwnComment",
            message: "Vous ne pouvez pas voter sur votre propre commentaire.",
          }
        : {
            __typename: "CannotReportOwnComment",
            message: "Vous ne pouvez pas signaler votre propre commentaire : vous pouvez le supprimer.",
          };
    case "idempotency_key_reused":
      return {
        __typename: "CommentIdempotencyKeyReused",
        message:
          "Cette clé d'idempotence a déjà servi pour un autre commentaire : utilisez une nouvelle clé.",
      };
    case "already_reported":
      return { __typename: "AlreadyReportedComment", message: "Vous avez déjà signalé ce commentaire." };
    default:
      throw new Error(`unmapped comment outcome ${outcome.kind}`);
  }
}
