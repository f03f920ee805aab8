// Rows of "comments".comment as read by raw SQL, and their domain records.
import type {
  AbuseReportRecord,
  CommentRecord,
  CommentState,
  ReportReason,
  TargetType,
} from "../domain/model.ts";

export const COMMENT_COLUMNS = `id, target_type, target_id, parent_id, depth, author_account_id, body, state,
  moderation_reason, moderated_at, moderator_account_id, up_count, down_count, reply_count, open_report_count,
  reported_at, created_at, edited_at, deleted_at`;

export interface CommentRow {
  id: string;
  target_type: string;
  target_id: string;
  parent_id: string | null;
  depth: number;
  author_account_id: string | null;
  body: string;
  state: string;
  moderation_reason: string | null;
  moderated_at: Date | null;
  moderator_account_id: string | null;
  up_count: number;
  down_count: number;
  reply_count: number;
  open_report_count: number;
  reported_at: Date | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

export function toComment(row: CommentRow): CommentRecord {
  return {
    id: row.id,
    targetType: row.target_type as TargetType,
    targetId: row.target_id,
    parentId: row.parent_id,
    depth: Number(row.depth),
    authorAccountId: row.author_account_id,
    body: row.body,
    state: row.state as CommentState,
    moderationReason: row.moderation_reason,
    moderatedAt: date(row.moderated_at),
    moderatorAccountId: row.moderator_account_id,
    upCount: Number(row.up_count),
    downCount: Number(row.down_count),
    replyCount: Number(row.reply_count),
    openReportCount: Number(row.open_report_count),
    reportedAt: date(row.reported_at),
    createdAt: new Date(row.created_at),
    editedAt: date(row.edited_at),
    deletedAt: date(row.deleted_at),
  };
}

export interface ReportRow {
  id: string;
  comment_id: string;
  reason: string;
  details: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

export function toAbuseReport(row: ReportRow): AbuseReportRecord {
  return {
    id: row.id,
    commentId: row.comment_id,
    reason: row.reason as ReportReason,
    details: row.details,
    createdAt: new Date(row.created_at),
    resolvedAt: date(row.resolved_at),
  };
}
