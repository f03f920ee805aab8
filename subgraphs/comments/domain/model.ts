// The comments' vocabulary, as stored (lower case) — the resolvers map it to the schema's enums.

/** What a comment can be about: another subgraph's entity, by type and id. */
export const TARGET_TYPES = ["petition", "budget_project", "project", "consultation"] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export interface Target {
  type: TargetType;
  id: string;
}

export type CommentState = "visible" | "hidden" | "deleted";

export const REPORT_REASONS = [
  "spam",
  "insult",
  "harassment",
  "hate",
  "personal_data",
  "off_topic",
  "other",
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** 1 for, -1 against. */
export type VoteValue = 1 | -1;

export interface CommentRecord {
  id: string;
  targetType: TargetType;
  targetId: string;
  parentId: string | null;
  depth: number;
  /** Null once the author's account was erased; kept (never shown) on a deleted comment, for the rate limits. */
  authorAccountId: string | null;
  /** Empty once the comment was deleted or the author's account erased. */
  body: string;
  state: CommentState;
  moderationReason: string | null;
  moderatedAt: Date | null;
  moderatorAccountId: string | null;
  upCount: number;
  downCount: number;
  replyCount: number;
  openReportCount: number;
  reportedAt: Date | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface AbuseReportRecord {
  id: string;
  commentId: string;
  reason: ReportReason;
  details: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}
