// Storage of comments, votes and abuse reports. Every write that has a precondition (the comment's state, its
// author, the rate limit) checks it in the same statement or transaction as the change, so that concurrent
// requests cannot both pass it; counters are kept in the transaction that changes what they count.
import type {
  AbuseReportRecord,
  CommentRecord,
  CommentState,
  ReportReason,
  Target,
  VoteValue,
} from "../domain/model.ts";

/** Keyset of a thread's order (oldest first). */
export type ThreadKey = [createdAt: string, id: string];
/** Keyset of the moderation queue (oldest open report first). */
export type QueueKey = [reportedAt: string, id: string];

export interface NewComment {
  id: string;
  target: Target;
  parent: { id: string; depth: number } | null;
  authorAccountId: string;
  body: string;
  /** The author's app's key for this post: a retry with it answers the comment it created. */
  idempotencyKey: string | null;
}

/** How many of a person's recent actions a write allows: at most `max` since `since`. */
export interface RateWindow {
  since: Date;
  max: number;
  /** When the oldest counted action leaves the window, the caller may act again. */
  seconds: number;
}

export type PostOutcome =
  | { kind: "posted"; comment: CommentRecord }
  /** The author already posted with this key: the comment it created (whatever the text sent this time). */
  | { kind: "replayed"; comment: CommentRecord }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** The parent changed (hidden) between reading and writing. */
  | { kind: "parent_conflict"; state: CommentState };

export type VoteOutcome =
  | { kind: "changed"; comment: CommentRecord }
  | { kind: "unchanged" }
  | { kind: "no_vote" }
  | { kind: "not_votable"; state: CommentState };

export type ReportOutcome =
  | { kind: "reported"; comment: CommentRecord }
  | { kind: "already_reported" }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "not_reportable"; state: CommentState };

export interface Moderation {
  moderatorAccountId: string;
  reason: string | null;
  at: Date;
}

export interface CommentStore {
  byIds(ids: readonly string[]): Promise<CommentRecord[]>;
  /** The comment an author posted with an idempotency key, or null. */
  byIdempotencyKey(authorAccountId: string, key: string): Promise<CommentRecord | null>;
  /** Top-level comments of a target, oldest first, `limit` rows after the key. */
  topLevel(target: Target, limit: number, after?: ThreadKey): Promise<CommentRecord[]>;
  /** Direct replies, oldest first. */
  replies(parentId: string, limit: number, after?: ThreadKey): Promise<CommentRecord[]>;
  /** Top-level comments of each target (all states: they keep their place). */
  countTopLevel(targets: readonly Target[]): Promise<Map<string, number>>;
  /** Visible comments of each target, replies included. */
  countVisible(targets: readonly Target[]): Promise<Map<string, number>>;
  /** Comments with open reports, oldest report first. */
  moderationQueue(limit: number, after?: QueueKey): Promise<CommentRecord[]>;
  countModerationQueue(): Promise<number>;
  /** The caller's votes on these comments. */
  votesOf(accountId: string, commentIds: readonly string[]): Promise<Map<string, VoteValue>>;
  abuseReports(commentId: string, limit: number, after?: ThreadKey): Promise<AbuseReportRecord[]>;

  /** Inserts the comment unless the author is over a rate window (checked under a per-author lock). */
  post(comment: NewComment, windows: readonly RateWindow[]): Promise<PostOutcome>;
  /** Replaces the body if the comment is still visible and the author's; null when it no longer is. */
  edit(id: string, authorAccountId: string, body: string, at: Date): Promise<CommentRecord | null>;
  /** Marks the comment deleted (body removed, author no longer shown) if it is the author's and not deleted yet. */
  delete(id: string, authorAccountId: string, at: Date): Promise<CommentRecord | null>;
  /** Sets (value) or withdraws (null) the person's vote on a visible comment, counters in the same transaction. */
  vote(commentId: string, accountId: string, value: VoteValue | null): Promise<VoteOutcome>;
  report(
    report: {
      id: string;
      commentId: string;
      reporterAccountId: string;
      reason: ReportReason;
      details: string | null;
    },
    window: RateWindow,
  ): Promise<ReportOutcome>;
  /**
   * Moves the comment from one of `from` to `to`, resolving its open reports as `resolution`, with an outbox event;
   * null when the comment is in none of `from`.
   */
  moderate(
    id: string,
    from: readonly CommentState[],
    to: CommentState,
    moderation: Moderation,
    resolution: "hidden" | "dismissed",
    event: { type: string; payload: Record<string, unknown> } | null,
  ): Promise<CommentRecord | null>;

  exportAccount(accountId: string): Promise<Record<string, unknown>>;
  eraseAccount(accountId: string): Promise<{ erased: number; pseudonymised: number }>;
  /** Forgets who filed reports resolved before `before`. */
  forgetReporters(before: Date): Promise<number>;
}
