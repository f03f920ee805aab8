// CommentStore on PostgreSQL (raw SQL through Prisma's transaction client, on PGlite and PostgreSQL alike).
// Concurrency: a person's posts and reports are serialised by a transaction-scoped advisory lock on their account
// (so a burst cannot pass the rate limit together), and a comment's votes, replies and reports by a row lock on the
// comment (so every counter moves once per change).
import { recordEvents } from "../../../platform/outbox.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { Target, VoteValue } from "../domain/model.ts";
import type { CommentStore, RateWindow } from "../ports/commentStore.ts";
import { COMMENT_COLUMNS, type CommentRow, type ReportRow, toAbuseReport, toComment } from "./rows.ts";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 };
const SCHEMA = "comments";

/** Unique key of a target in count maps. */
export const targetKey = (target: Target): string => `${target.type}:${target.id}`;

async function lockAccount(tx: Tx, purpose: string, accountId: string): Promise<void> {
  await tx.$queryRawUnsafe(
    "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text AS locked",
    `comments:${purpose}:${accountId}`,
  );
}

/** Seconds until the person may act again, or null when every window has room. */
async function overLimit(
  tx: Tx,
  sql: string,
  accountId: string,
  windows: readonly RateWindow[],
): Promise<number | null> {
  for (const window of windows) {
    const [row] = await tx.$queryRawUnsafe<{ n: number; oldest: Date | null }[]>(
      sql,
      accountId,
      window.since,
    );
    if (row && Number(row.n) >= window.max && row.oldest) {
      const frees = new Date(row.oldest).getTime() + window.seconds * 1000;
      return Math.max(1, Math.ceil((frees - Date.now()) / 1000));
    }
  }
  return null;
}

export function sqlCommentStore(prisma: PrismaClient): CommentStore {
  const select = async (where: string, ...values: unknown[]) =>
    (
      await prisma.$queryRawUnsafe<CommentRow[]>(
        `SELECT ${COMMENT_COLUMNS} FROM comments.comment ${where}`,
        ...values,
      )
    ).map(toComment);
  const transaction = <T>(fn: (tx: Tx) => Promise<T>) => prisma.$transaction(fn, TRANSACTION_OPTIONS);
  const lockComment = async (tx: Tx, id: string) =>
    (
      await tx.$queryRawUnsafe<CommentRow[]>(
        `SELECT ${COMMENT_COLUMNS} FROM comments.comment WHERE id = $1::uuid FOR UPDATE`,
        id,
      )
    ).map(toComment)[0];
  const returning = async (tx: Tx, sql: string, ...values: unknown[]) =>
    (await tx.$queryRawUnsafe<CommentRow[]>(`${sql} RETURNING ${COMMENT_COLUMNS}`, ...values)).map(
      toComment,
    )[0] ?? null;
  const targetsWhere = (targets: readonly Target[]) => ({
    types: targets.map((target) => target.type),
    ids: targets.map((target) => target.id),
  });
  const counts = async (extra: string, targets: readonly Target[]) => {
    const result = new Map<string, number>();
    if (targets.length === 0) return result;
    const { types, ids } = targetsWhere(targets);
    const rows = await prisma.$queryRawUnsafe<{ target_type: string; target_id: string; n: number }[]>(
      `SELECT c.target_type, c.target_id, count(*)::int AS n
         FROM comments.comment c
         JOIN unnest($1::text[], $2::uuid[]) AS t(type, id) ON c.target_type = t.type AND c.target_id = t.id
        WHERE ${extra}
        GROUP BY c.target_type, c.target_id`,
      types,
      ids,
    );
    for (const row of rows) result.set(`${row.target_type}:${row.target_id}`, Number(row.n));
    return result;
  };

  return {
    async byIds(ids) {
      if (ids.length === 0) return [];
      return select("WHERE id = ANY($1::uuid[])", [...ids]);
    },

    async byIdempotencyKey(authorAccountId, key) {
      const [comment] = await select(
        "WHERE author_account_id = $1::uuid AND idempotency_key = $2",
        authorAccountId,
        key,
      );
      return comment ?? null;
    },

    async topLevel(target, limit, after) {
      return after
        ? select(
            `WHERE target_type = $1 AND target_id = $2::uuid AND parent_id IS NULL AND (created_at, id) > ($3::timestamptz, $4::uuid)
             ORDER BY created_at, id LIMIT $5`,
            target.type,
            target.id,
            after[0],
            after[1],
            limit,
          )
        : select(
            "WHERE target_type = $1 AND target_id = $2::uuid AND parent_id IS NULL ORDER BY created_at, id LIMIT $3",
            target.type,
            target.id,
            limit,
          );
    },

    async replies(parentId, limit, after) {
      return after
        ? select(
            `WHERE parent_id = $1::uuid AND (created_at, id) > ($2::timestamptz, $3::uuid) ORDER BY created_at, id LIMIT $4`,
            parentId,
            after[0],
            after[1],
            limit,
          )
        : select("WHERE parent_id = $1::uuid ORDER BY created_at, id LIMIT $2", parentId, limit);
    },

    countTopLevel: (targets) => counts("c.parent_id IS NULL", targets),
    countVisible: (targets) => counts("c.state = 'visible'", targets),

    async moderationQueue(limit, after) {
      return after
        ? select(
            `WHERE reported_at IS NOT NULL AND (reported_at, id) > ($1::timestamptz, $2::uuid) ORDER BY reported_at, id LIMIT $3`,
            after[0],
            after[1],
            limit,
          )
        : select("WHERE reported_at IS NOT NULL ORDER BY reported_at, id LIMIT $1", limit);
    },

    async countModerationQueue() {
      const [row] = await prisma.$queryRawUnsafe<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM comments.comment WHERE reported_at IS NOT NULL",
      );
      return Number(row?.n ?? 0);
    },

    async votesOf(accountId, commentIds) {
      const result = new Map<string, VoteValue>();
      if (commentIds.length === 0) return result;
      const rows = await prisma.$queryRawUnsafe<{ comment_id: string; value: number }[]>(
        "SELECT comment_id, value FROM comments.vote WHERE account_id = $1::uuid AND comment_id = ANY($2::uuid[])",
        accountId,
        [...commentIds],
      );
      for (const row of rows) result.set(row.comment_id, Number(row.value) as VoteValue);
      return result;
    },

    async abuseReports(commentId, limit, after) {
      const rows = after
        ? await prisma.$queryRawUnsafe<ReportRow[]>(
            `SELECT id, comment_id, reason, details, created_at, resolved_at FROM comments.report
              WHERE comment_id = $1::uuid AND (created_at, id) > ($2::timestamptz, $3::uuid)
              ORDER BY created_at, id LIMIT $4`,
            commentId,
            after[0],
            after[1],
            limit,
          )
        : await prisma.$queryRawUnsafe<ReportRow[]>(
            `SELECT id, comment_id, reason, details, created_at, resolved_at FROM comments.report
              WHERE comment_id = $1::uuid ORDER BY created_at, id LIMIT $2`,
            commentId,
            limit,
          );
      return rows.map(toAbuseReport);
    },

    post(comment, windows) {
      return transaction(async (tx) => {
        await lockAccount(tx, "post", comment.authorAccountId);
        // Under the author's lock: of concurrent retries with one key, the first posts and the others find it.
        if (comment.idempotencyKey !== null) {
          const [earlier] = (
            await tx.$queryRawUnsafe<CommentRow[]>(
              `SELECT ${COMMENT_COLUMNS} FROM comments.comment WHERE author_account_id = $1::uuid AND idempotency_key = $2`,
              comment.authorAccountId,
              comment.idempotencyKey,
            )
          ).map(toComment);
          if (earlier) return { kind: "replayed", comment: earlier };
        }
        const wait = await overLimit(
          tx,
          `SELECT count(*)::int AS n, min(created_at) AS oldest FROM comments.comment
            WHERE author_account_id = $1::uuid AND created_at > $2::timestamptz`,
          comment.authorAccountId,
          windows,
        );
        if (wait !== null) return { kind: "rate_limited", retryAfterSeconds: wait };
        if (comment.parent) {
          const parent = await lockComment(tx, comment.parent.id);
          if (!parent || parent.state === "hidden") {
            return { kind: "parent_conflict", state: parent?.state ?? "deleted" };
          }
          await tx.$executeRawUnsafe(
            "UPDATE comments.comment SET reply_count = reply_count + 1 WHERE id = $1::uuid",
            comment.parent.id,
          );
        }
        const inserted = await returning(
          tx,
          `INSERT INTO comments.comment (id, target_type, target_id, parent_id, depth, author_account_id, body, idempotency_key)
           VALUES ($1::uuid, $2, $3::uuid, $4::uuid, $5, $6::uuid, $7, $8)`,
          comment.id,
          comment.target.type,
          comment.target.id,
          comment.parent?.id ?? null,
          comment.parent ? comment.parent.depth + 1 : 0,
          comment.authorAccountId,
          comment.body,
          comment.idempotencyKey,
        );
        if (!inserted) throw new Error("comment insert returned nothing");
        await recordEvents(tx, SCHEMA, [
          {
            type: "comment.posted",
            subject: `comment:${comment.id}`,
            payload: {
              commentId: comment.id,
              targetType: comment.target.type,
              targetId: comment.target.id,
              parentId: comment.parent?.id ?? null,
            },
          },
        ]);
        return { kind: "posted", comment: inserted };
      });
    },

    edit(id, authorAccountId, body, at) {
      return transaction((tx) =>
        returning(
          tx,
          `UPDATE comments.comment SET body = $3, edited_at = $4::timestamptz
            WHERE id = $1::uuid AND author_account_id = $2::uuid AND state = 'visible'`,
          id,
          authorAccountId,
          body,
          at,
        ),
      );
    },

    delete(id, authorAccountId, at) {
      return transaction(async (tx) => {
        // The author link stays (never shown) until the account is erased: rate limits still count the comment.
        const deleted = await returning(
          tx,
          `UPDATE comments.comment
              SET body = '', state = 'deleted', deleted_at = $3::timestamptz, open_report_count = 0, reported_at = NULL
            WHERE id = $1::uuid AND author_account_id = $2::uuid AND state <> 'deleted'`,
          id,
          authorAccountId,
          at,
        );
        if (!deleted) return null;
        await tx.$executeRawUnsafe(
          `UPDATE comments.report SET resolved_at = $2::timestamptz, resolution = 'deleted'
            WHERE comment_id = $1::uuid AND resolved_at IS NULL`,
          id,
          at,
        );
        await recordEvents(tx, SCHEMA, [
          {
            type: "comment.deleted",
            subject: `comment:${id}`,
            payload: { commentId: id, targetType: deleted.targetType, targetId: deleted.targetId },
          },
        ]);
        return deleted;
      });
    },

    vote(commentId, accountId, value) {
      return transaction(async (tx) => {
        const comment = await lockComment(tx, commentId);
        if (!comment) return { kind: "not_votable", state: "deleted" };
        if (comment.state !== "visible") return { kind: "not_votable", state: comment.state };
        const [existing] = await tx.$queryRawUnsafe<{ value: number }[]>(
          "SELECT value FROM comments.vote WHERE comment_id = $1::uuid AND account_id = $2::uuid",
          commentId,
          accountId,
        );
        const previous = existing ? (Number(existing.value) as VoteValue) : null;
        if (previous === value) return value === null ? { kind: "no_vote" } : { kind: "unchanged" };
        if (value === null) {
          await tx.$executeRawUnsafe(
            "DELETE FROM comments.vote WHERE comment_id = $1::uuid AND account_id = $2::uuid",
            commentId,
            accountId,
          );
        } else {
          await tx.$executeRawUnsafe(
            `INSERT INTO comments.vote (comment_id, account_id, value) VALUES ($1::uuid, $2::uuid, $3)
             ON CONFLICT (comment_id, account_id) DO UPDATE SET value = EXCLUDED.value, voted_at = now()`,
            commentId,
            accountId,
            value,
          );
        }
        const up = (value === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
        const down = (value === -1 ? 1 : 0) - (previous === -1 ? 1 : 0);
        const updated = await returning(
          tx,
          "UPDATE comments.comment SET up_count = up_count + $2, down_count = down_count + $3 WHERE id = $1::uuid",
          commentId,
          up,
          down,
        );
        if (!updated) throw new Error("voted comment vanished");
        return { kind: "changed", comment: updated };
      });
    },

    report(report, window) {
      return transaction(async (tx) => {
        await lockAccount(tx, "report", report.reporterAccountId);
        const wait = await overLimit(
          tx,
          `SELECT count(*)::int AS n, min(created_at) AS oldest FROM comments.report
            WHERE reporter_account_id = $1::uuid AND created_at > $2::timestamptz`,
          report.reporterAccountId,
          [window],
        );
        if (wait !== null) return { kind: "rate_limited", retryAfterSeconds: wait };
        const comment = await lockComment(tx, report.commentId);
        if (!comment) return { kind: "not_reportable", state: "deleted" };
        if (comment.state !== "visible") return { kind: "not_reportable", state: comment.state };
        const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
          `INSERT INTO comments.report (id, comment_id, reporter_account_id, reason, details)
           VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5)
           ON CONFLICT (comment_id, reporter_account_id) DO NOTHING RETURNING id`,
          report.id,
          report.commentId,
          report.reporterAccountId,
          report.reason,
          report.details,
        );
        if (inserted.length === 0) return { kind: "already_reported" };
        const updated = await returning(
          tx,
          `UPDATE comments.comment SET open_report_count = open_report_count + 1, reported_at = COALESCE(reported_at, now())
            WHERE id = $1::uuid`,
          report.commentId,
        );
        if (!updated) throw new Error("reported comment vanished");
        return { kind: "reported", comment: updated };
      });
    },

    moderate(id, from, to, moderation, resolution, event) {
      return transaction(async (tx) => {
        const moderated = await returning(
          tx,
          `UPDATE comments.comment
              SET state = $3, moderation_reason = COALESCE($4, moderation_reason), moderated_at = $5::timestamptz,
                  moderator_account_id = $6::uuid, open_report_count = 0, reported_at = NULL
            WHERE id = $1::uuid AND state = ANY($2::text[])`,
          id,
          [...from],
          to,
          moderation.reason,
          moderation.at,
          moderation.moderatorAccountId,
        );
        if (!moderated) return null;
        await tx.$executeRawUnsafe(
          `UPDATE comments.report SET resolved_at = $2::timestamptz, resolution = $3
            WHERE comment_id = $1::uuid AND resolved_at IS NULL`,
          id,
          moderation.at,
          resolution,
        );
        if (event) await recordEvents(tx, SCHEMA, [{ ...event, subject: `comment:${id}` }]);
        return moderated;
      });
    },

    async exportAccount(accountId) {
      const comments = await select("WHERE author_account_id = $1::uuid ORDER BY created_at, id", accountId);
      const votes = await prisma.$queryRawUnsafe<{ comment_id: string; value: number; voted_at: Date }[]>(
        "SELECT comment_id, value, voted_at FROM comments.vote WHERE account_id = $1::uuid ORDER BY voted_at",
        accountId,
      );
      const reports = await prisma.$queryRawUnsafe<ReportRow[]>(
        `SELECT id, comment_id, reason, details, created_at, resolved_at FROM comments.report
          WHERE reporter_account_id = $1::uuid ORDER BY created_at, id`,
        accountId,
      );
      return {
        comments: comments.map((comment) => ({
          id: comment.id,
          target: { type: comment.targetType, id: comment.targetId },
          parentId: comment.parentId,
          body: comment.body,
          state: comment.state,
          moderationReason: comment.moderationReason,
          createdAt: comment.createdAt.toISOString(),
          editedAt: comment.editedAt?.toISOString() ?? null,
          deletedAt: comment.deletedAt?.toISOString() ?? null,
        })),
        votes: votes.map((vote) => ({
          commentId: vote.comment_id,
          vote: Number(vote.value) === 1 ? "UP" : "DOWN",
          votedAt: new Date(vote.voted_at).toISOString(),
        })),
        abuseReports: reports.map(toAbuseReport).map((report) => ({
          commentId: report.commentId,
          reason: report.reason,
          details: report.details,
          createdAt: report.createdAt.toISOString(),
          resolvedAt: report.resolvedAt?.toISOString() ?? null,
        })),
      };
    },

    eraseAccount(accountId) {
      return transaction(async (tx) => {
        // Open reports on the person's comments are closed with them (nothing left to moderate).
        await tx.$executeRawUnsafe(
          `UPDATE comments.report SET resolved_at = now(), resolution = 'deleted'
            WHERE resolved_at IS NULL
              AND comment_id IN (SELECT id FROM comments.comment WHERE author_account_id = $1::uuid)`,
          accountId,
        );
        // Comments keep their place in their threads (and their votes) as deleted, with neither text nor author.
        const comments = await tx.$executeRawUnsafe(
          `UPDATE comments.comment
              SET body = '', author_account_id = NULL, idempotency_key = NULL, state = 'deleted',
                  deleted_at = COALESCE(deleted_at, now()), open_report_count = 0, reported_at = NULL
            WHERE author_account_id = $1::uuid`,
          accountId,
        );
        // Votes are forgotten, their counts kept.
        const votes = await tx.$executeRawUnsafe(
          "DELETE FROM comments.vote WHERE account_id = $1::uuid",
          accountId,
        );
        // Reports stay (a moderator may still need them), no longer linked to the person.
        const reports = await tx.$executeRawUnsafe(
          "UPDATE comments.report SET reporter_account_id = NULL WHERE reporter_account_id = $1::uuid",
          accountId,
        );
        return { erased: votes, pseudonymised: comments + reports };
      });
    },

    async forgetReporters(before) {
      return prisma.$executeRawUnsafe(
        `UPDATE comments.report SET reporter_account_id = NULL, details = NULL
          WHERE resolved_at < $1::timestamptz AND (reporter_account_id IS NOT NULL OR details IS NOT NULL)`,
        before,
      );
    },
  };
}
