// Comments permissions (anything not listed is denied). Comments are public reading (partners only with the
// `comments:read` scope); posting, voting and reporting need a personal account; moderators read the reports and
// decide; the internal operations answer the platform's system caller only. __resolveReference is not wrapped by
// shield: the targets' return only the id, which these field rules then gate; PersonalDataExport's returns only the
// caller's own.
import type { IRules } from "graphql-shield";
import type { SubgraphContext } from "../../platform/context.ts";
import { forbidden, unauthenticated } from "../../platform/errors.ts";
import { allow, hasRole, isAuthenticated, isSystem, rule } from "../../platform/permissions.ts";

type Ctx = SubgraphContext;

/** Public reading: everyone but partners without `comments:read`. */
const canRead = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind !== "partner") return true;
  return ctx.caller.scopes.includes("comments:read") ? true : forbidden();
});

/** A person (resident or staff member) acting for themselves: not anonymous, not a partner service. */
const isPerson = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return (ctx.caller.kind === "citizen" || ctx.caller.kind === "staff") && ctx.caller.accountId
    ? true
    : forbidden("Seul un compte personnel peut faire cela.");
});

const isModerator = hasRole("moderator");

export const permissions: IRules = {
  Query: {
    comment: canRead,
    commentRules: canRead,
    commentModerationQueue: isModerator,
  },
  Mutation: {
    postComment: isPerson,
    replyToComment: isPerson,
    editComment: isPerson,
    deleteComment: isPerson,
    voteOnComment: isPerson,
    withdrawCommentVote: isPerson,
    reportComment: isPerson,
    hideComment: isModerator,
    restoreComment: isModerator,
    dismissCommentReports: isModerator,
    _eraseAccountData: isSystem,
    _applyRetention: isSystem,
  },
  Comment: {
    "*": canRead,
    openReportCount: isModerator,
    abuseReports: isModerator,
  },
  CommentConnection: canRead,
  CommentEdge: canRead,
  CommentRules: canRead,
  CommentAbuseReport: isModerator,
  CommentAbuseReportConnection: isModerator,
  CommentAbuseReportEdge: isModerator,
  Petition: { id: allow, comments: canRead, commentCount: canRead },
  BudgetProject: { id: allow, comments: canRead, commentCount: canRead },
  Project: { id: allow, comments: canRead, commentCount: canRead },
  Consultation: { id: allow, comments: canRead, commentCount: canRead },
  Account: { id: allow },
  PageInfo: allow,
  // Only the person's own export resolves (see its __resolveReference); its field needs a signed-in caller.
  PersonalDataExport: isAuthenticated,
  CommentPosted: allow,
  CommentEdited: allow,
  CommentDeleted: allow,
  CommentVoted: allow,
  CommentReported: allow,
  CommentModerated: allow,
  InvalidCommentText: allow,
  CommentTargetNotFound: allow,
  CommentTargetClosed: allow,
  CommentNotFound: allow,
  CommentThreadTooDeep: allow,
  CommentStateConflict: allow,
  CommentRateLimited: allow,
  NotCommentAuthor: allow,
  CommentEditWindowClosed: allow,
  AlreadyVotedOnComment: allow,
  CommentVoteNotFound: allow,
  CannotVoteOwnComment: allow,
  AlreadyReportedComment: allow,
  CannotReportOwnComment: allow,
  CommentIdempotencyKeyReused: allow,
  AccountErasure: isSystem,
  RetentionReport: isSystem,
};
