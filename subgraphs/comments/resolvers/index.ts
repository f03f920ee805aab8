// Comments resolvers: thin — parse the arguments, call a domain command, map its outcome. Hidden and deleted
// comments keep their place in threads; their text and author are not shown (moderators still read a hidden text).
import { GraphQLError } from "graphql";
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { toConnection } from "../../../platform/pagination.ts";
import { DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import { toHtml } from "../../../platform/text.ts";
import type { CommandContext } from "../domain/context.ts";
import { deleteComment } from "../domain/deleteComment.ts";
import { editComment } from "../domain/editComment.ts";
import type { CommentRecord, TargetType } from "../domain/model.ts";
import { type Decision, moderateComment } from "../domain/moderateComment.ts";
import { postComment, replyToComment } from "../domain/postComment.ts";
import { reportComment } from "../domain/reportComment.ts";
import { editableUntil } from "../domain/rules.ts";
import { voteOnComment } from "../domain/voteOnComment.ts";
import type { CommentLoaders } from "../loaders.ts";
import {
  idempotencyKeyOf,
  pageOf,
  reportReasonOf,
  requireUuid,
  TARGET_TYPE_OF,
  TYPENAME_OF,
  VOTE_OF,
} from "./inputs.ts";
import { answer, stateOf } from "./results.ts";

type Ctx = SubgraphContext<CommentLoaders>;

const keyOf = (record: { createdAt: Date; id: string }) => [record.createdAt.toISOString(), record.id];

function command(ctx: Ctx): CommandContext {
  // Permissions let only personal accounts (and moderators) reach the mutations that use this.
  if (!ctx.caller.accountId) throw new GraphQLError("no account", { extensions: { code: "FORBIDDEN" } });
  return {
    store: ctx.loaders.store,
    targets: ctx.loaders.targets,
    rules: ctx.loaders.rules,
    accountId: ctx.caller.accountId,
    now: new Date(),
  };
}

const isModerator = (ctx: Ctx) => ctx.caller.roles.includes("moderator");

async function commentsOf(type: TargetType, ref: { id: string }, args: unknown, ctx: Ctx) {
  const page = pageOf(args);
  const target = { type, id: ref.id };
  const [rows, totalCount] = await Promise.all([
    ctx.loaders.store.topLevel(target, page.first + 1, page.after),
    ctx.loaders.topLevelCount.load(target),
  ]);
  return { ...toConnection(rows, page.first, keyOf), totalCount };
}

function targetEntity(type: TargetType) {
  return {
    // Any well-formed id resolves: whether the entity exists is its own subgraph's answer.
    __resolveReference: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
    comments: (ref: { id: string }, args: unknown, ctx: Ctx) => commentsOf(type, ref, args, ctx),
    commentCount: (ref: { id: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.visibleCount.load({ type, id: ref.id }),
  };
}

const POSTED = { posted: "CommentPosted" };

export const resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,

  Query: {
    comment: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.comment.load(requireUuid(args.id, "id")),
    commentRules: (_: unknown, __: unknown, ctx: Ctx) => ctx.loaders.rules,
    async commentModerationQueue(_: unknown, args: unknown, ctx: Ctx) {
      const page = pageOf(args);
      const [rows, totalCount] = await Promise.all([
        ctx.loaders.store.moderationQueue(page.first + 1, page.after),
        ctx.loaders.store.countModerationQueue(),
      ]);
      return {
        ...toConnection(rows, page.first, (row) => [(row.reportedAt as Date).toISOString(), row.id]),
        totalCount,
      };
    },
  },

  Mutation: {
    async postComment(
      _: unknown,
      args: { target: { type: string; id: string }; body: string; idempotencyKey?: string | null },
      ctx: Ctx,
    ) {
      const type = TARGET_TYPE_OF[args.target.type];
      if (!type) throw badUserInput("Type de cible inconnu.", { argument: "target.type" });
      const target = { type, id: requireUuid(args.target.id, "target.id") };
      const key = idempotencyKeyOf(args.idempotencyKey);
      return answer(await postComment(command(ctx), target, args.body, key), POSTED);
    },
    replyToComment: async (
      _: unknown,
      args: { commentId: string; body: string; idempotencyKey?: string | null },
      ctx: Ctx,
    ) =>
      answer(
        await replyToComment(
          command(ctx),
          requireUuid(args.commentId, "commentId"),
          args.body,
          idempotencyKeyOf(args.idempotencyKey),
        ),
        POSTED,
      ),
    editComment: async (_: unknown, args: { id: string; body: string }, ctx: Ctx) =>
      answer(await editComment(command(ctx), requireUuid(args.id, "id"), args.body), {
        edited: "CommentEdited",
      }),
    deleteComment: async (_: unknown, args: { id: string }, ctx: Ctx) =>
      answer(await deleteComment(command(ctx), requireUuid(args.id, "id")), { deleted: "CommentDeleted" }),
    voteOnComment: async (_: unknown, args: { id: string; vote: string }, ctx: Ctx) =>
      answer(await voteOnComment(command(ctx), requireUuid(args.id, "id"), VOTE_OF[args.vote] ?? null), {
        voted: "CommentVoted",
      }),
    withdrawCommentVote: async (_: unknown, args: { id: string }, ctx: Ctx) =>
      answer(await voteOnComment(command(ctx), requireUuid(args.id, "id"), null), { voted: "CommentVoted" }),
    reportComment: async (
      _: unknown,
      args: { id: string; reason: string; details?: string | null },
      ctx: Ctx,
    ) =>
      answer(
        await reportComment(
          command(ctx),
          requireUuid(args.id, "id"),
          reportReasonOf(args.reason),
          args.details ?? null,
        ),
        { reported: "CommentReported" },
      ),
    hideComment: (_: unknown, args: { id: string; reason: string }, ctx: Ctx) =>
      moderate(ctx, args.id, "hide", args.reason),
    restoreComment: (_: unknown, args: { id: string; reason: string }, ctx: Ctx) =>
      moderate(ctx, args.id, "restore", args.reason),
    dismissCommentReports: (_: unknown, args: { id: string }, ctx: Ctx) =>
      moderate(ctx, args.id, "dismiss", null),
    /**
     * Erasure convention: the person's comments stay in their threads as deleted (no text, no author), their
     * votes are forgotten with the counts kept, their reports stay without the link to them.
     */
    async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
      if (!isUuid(args.accountId))
        throw badUserInput("Identifiant de compte invalide.", { argument: "accountId" });
      const result = await ctx.loaders.store.eraseAccount(args.accountId);
      return { subgraph: "comments", ...result };
    },
    /** Retention: who filed a report is forgotten once it has been resolved for reportRetentionDays. */
    async _applyRetention(_: unknown, __: unknown, ctx: Ctx) {
      const before = new Date(Date.now() - ctx.loaders.rules.reportRetentionDays * 86_400_000);
      const removed = await ctx.loaders.store.forgetReporters(before);
      return [{ subgraph: "comments", rule: "resolved_abuse_report_reporters", removed }];
    },
  },

  Petition: targetEntity("petition"),
  BudgetProject: targetEntity("budget_project"),
  Project: targetEntity("project"),
  Consultation: targetEntity("consultation"),

  CommentTarget: {
    __resolveType: (target: { __typename: string }) => target.__typename,
  },

  Comment: {
    target: (comment: CommentRecord) => ({
      __typename: TYPENAME_OF[comment.targetType],
      id: comment.targetId,
    }),
    parent: (comment: CommentRecord, _: unknown, ctx: Ctx) =>
      comment.parentId ? ctx.loaders.comment.load(comment.parentId) : null,
    author: (comment: CommentRecord) =>
      comment.state === "visible" && comment.authorAccountId ? { id: comment.authorAccountId } : null,
    body: (comment: CommentRecord, _: unknown, ctx: Ctx) => shownBody(comment, ctx),
    bodyHtml: (comment: CommentRecord, _: unknown, ctx: Ctx) => {
      const body = shownBody(comment, ctx);
      return body === null ? null : toHtml(body);
    },
    state: (comment: CommentRecord) => stateOf(comment.state),
    upVoteCount: (comment: CommentRecord) => comment.upCount,
    downVoteCount: (comment: CommentRecord) => comment.downCount,
    async replies(comment: CommentRecord, args: unknown, ctx: Ctx) {
      const page = pageOf(args);
      const rows = await ctx.loaders.store.replies(comment.id, page.first + 1, page.after);
      return { ...toConnection(rows, page.first, keyOf), totalCount: comment.replyCount };
    },
    editableUntil: (comment: CommentRecord, _: unknown, ctx: Ctx) =>
      editableUntil(comment.createdAt, ctx.loaders.rules),
    async myVote(comment: CommentRecord, _: unknown, ctx: Ctx) {
      const vote = await ctx.loaders.myVote.load(comment.id);
      return vote === null ? null : vote === 1 ? "UP" : "DOWN";
    },
    viewerIsAuthor: (comment: CommentRecord, _: unknown, ctx: Ctx) =>
      comment.state !== "deleted" &&
      ctx.caller.accountId !== null &&
      comment.authorAccountId === ctx.caller.accountId,
    async abuseReports(comment: CommentRecord, args: unknown, ctx: Ctx) {
      const page = pageOf(args);
      const rows = await ctx.loaders.store.abuseReports(comment.id, page.first + 1, page.after);
      return toConnection(rows, page.first, keyOf);
    },
  },

  CommentAbuseReport: {
    reason: (report: { reason: string }) => report.reason.toUpperCase(),
  },

  PersonalDataExport: {
    // Only the person's own export: the key is checked against the caller, never trusted.
    __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
      ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
    comments: (ref: { accountId: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.store.exportAccount(ref.accountId),
  },
};

/** The text as shown: a visible comment's to all, a hidden one's to moderators only, a deleted one's to nobody. */
function shownBody(comment: CommentRecord, ctx: Ctx): string | null {
  if (comment.state === "visible") return comment.body;
  if (comment.state === "hidden" && isModerator(ctx)) return comment.body;
  return null;
}

async function moderate(ctx: Ctx, id: string, decision: Decision, reason: string | null) {
  return answer(await moderateComment(command(ctx), requireUuid(id, "id"), decision, reason), {
    moderated: "CommentModerated",
  });
}
