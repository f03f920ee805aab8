// Petitions, their co-authors and milestones in SQL (petitions.petition, co_author, milestone).
import type { Database, SqlRunner } from "../../../platform/db/database.ts";
import type { PetitionPatch, PetitionReads, PetitionRecordTx } from "../ports/petitionStore.ts";
import { listQueries, PUBLIC_PREDICATE } from "./petitionQueries.ts";
import {
  SELECT_CO_AUTHOR,
  SELECT_MILESTONE,
  SELECT_PETITION,
  toCoAuthor,
  toMilestone,
  toPetition,
} from "./rows.ts";
import { query } from "./sql.ts";

const PATCH_COLUMNS: Record<keyof PetitionPatch, [column: string, cast: string]> = {
  title: ["title", "text"],
  body: ["body", "text"],
  theme: ["theme", "text"],
  quartierId: ["quartier_id", "uuid"],
  state: ["state", "text"],
  rejectionReason: ["rejection_reason", "text"],
  responseText: ["response_text", "text"],
  respondedAt: ["responded_at", "timestamptz"],
  responseService: ["response_service", "text"],
  responderAccountId: ["responder_account_id", "uuid"],
  moderatorAccountId: ["moderator_account_id", "uuid"],
  listedAt: ["listed_at", "timestamptz"],
  submittedAt: ["submitted_at", "timestamptz"],
  moderationStartedAt: ["moderation_started_at", "timestamptz"],
  publishedAt: ["published_at", "timestamptz"],
  signingStartsAt: ["signing_starts_at", "timestamptz"],
  signingEndsAt: ["signing_ends_at", "timestamptz"],
  rejectedAt: ["rejected_at", "timestamptz"],
  closedAt: ["closed_at", "timestamptz"],
  withdrawnAt: ["withdrawn_at", "timestamptz"],
};

async function onePetition(sql: SqlRunner, text: string, ...values: unknown[]) {
  const [row] = await query(sql, text, ...values);
  if (!row) throw new Error("expected one petition row");
  return toPetition(row);
}

export function petitionRecordTx(sql: SqlRunner): PetitionRecordTx {
  return {
    async lockPetition(id) {
      const [row] = await query(
        sql,
        `SELECT ${SELECT_PETITION} FROM petitions.petition p WHERE p.id = $1::uuid FOR UPDATE`,
        id,
      );
      return row ? toPetition(row) : null;
    },
    insertPetition(petition) {
      return onePetition(
        sql,
        `INSERT INTO petitions.petition AS p (id, title, body, theme, quartier_id, author_account_id, state, listed_at, created_at, updated_at)
         VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6::uuid, 'draft', $7::timestamptz, $7::timestamptz, $7::timestamptz)
         RETURNING ${SELECT_PETITION}`,
        petition.id,
        petition.title,
        petition.body,
        petition.theme,
        petition.quartierId,
        petition.authorAccountId,
        petition.createdAt,
      );
    },
    updatePetition(id, patch, now) {
      const values: unknown[] = [id, now];
      const sets = ["updated_at = $2::timestamptz"];
      for (const [field, value] of Object.entries(patch) as [keyof PetitionPatch, unknown][]) {
        if (value === undefined) continue;
        const [column, cast] = PATCH_COLUMNS[field];
        values.push(value);
        sets.push(`${column} = $${values.length}::${cast}`);
      }
      return onePetition(
        sql,
        `UPDATE petitions.petition AS p SET ${sets.join(", ")} WHERE p.id = $1::uuid RETURNING ${SELECT_PETITION}`,
        ...values,
      );
    },
    addToCounts(id, online, paper, now) {
      return onePetition(
        sql,
        `UPDATE petitions.petition AS p SET online_count = online_count + $2::int, paper_count = paper_count + $3::int,
           signature_count = signature_count + $2::int + $3::int, updated_at = $4::timestamptz
         WHERE p.id = $1::uuid RETURNING ${SELECT_PETITION}`,
        id,
        online,
        paper,
        now,
      );
    },
    async coAuthors(petitionId) {
      const rows = await query(
        sql,
        `SELECT ${SELECT_CO_AUTHOR} FROM petitions.co_author WHERE petition_id = $1::uuid ORDER BY invited_at, account_id`,
        petitionId,
      );
      return rows.map(toCoAuthor);
    },
    async setInvitations(petitionId, accountIds, now) {
      await query(
        sql,
        `DELETE FROM petitions.co_author WHERE petition_id = $1::uuid AND NOT (account_id = ANY($2::uuid[]))`,
        petitionId,
        [...accountIds],
      );
      await query(
        sql,
        `INSERT INTO petitions.co_author (petition_id, account_id, invited_at)
         SELECT $1::uuid, invited, $3::timestamptz FROM unnest($2::uuid[]) AS invited ON CONFLICT DO NOTHING`,
        petitionId,
        [...accountIds],
        now,
      );
    },
    async acceptInvitation(petitionId, accountId, now) {
      const rows = await query(
        sql,
        `UPDATE petitions.co_author SET accepted_at = $3::timestamptz
         WHERE petition_id = $1::uuid AND account_id = $2::uuid AND accepted_at IS NULL RETURNING account_id`,
        petitionId,
        accountId,
        now,
      );
      return rows.length > 0;
    },
    async insertMilestone(milestone) {
      await query(
        sql,
        `INSERT INTO petitions.milestone (petition_id, kind, threshold, reached_at, signature_count)
         VALUES ($1::uuid, $2, $3::int, $4::timestamptz, $5::int)`,
        milestone.petitionId,
        milestone.kind,
        milestone.threshold,
        milestone.reachedAt,
        milestone.signatureCount,
      );
    },
    async milestones(petitionId) {
      const rows = await query(
        sql,
        `SELECT ${SELECT_MILESTONE} FROM petitions.milestone WHERE petition_id = $1::uuid`,
        petitionId,
      );
      return rows.map(toMilestone);
    },
  };
}

export function petitionReads(db: Database): PetitionReads {
  return {
    async petitionsByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_PETITION} FROM petitions.petition p WHERE p.id = ANY($1::uuid[])`,
        [...ids],
      );
      return rows.map(toPetition);
    },
    async coAuthorsOf(petitionIds) {
      if (petitionIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_CO_AUTHOR} FROM petitions.co_author WHERE petition_id = ANY($1::uuid[]) ORDER BY invited_at, account_id`,
        [...petitionIds],
      );
      return rows.map(toCoAuthor);
    },
    async milestonesOf(petitionIds) {
      if (petitionIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_MILESTONE} FROM petitions.milestone WHERE petition_id = ANY($1::uuid[]) ORDER BY reached_at, kind`,
        [...petitionIds],
      );
      return rows.map(toMilestone);
    },
    async listPetitions(filter, sort, viewer, page, rules, now) {
      const { rows, count } = listQueries(filter, sort, viewer, page, rules, now);
      const found = await query(db, rows.sql, ...rows.values);
      const [total] = await query<{ n: number }>(db, count.sql, ...count.values);
      return { rows: found.map(toPetition), total: Number(total?.n ?? 0) };
    },
    async moderationQueue(page) {
      const values: unknown[] = [];
      let after = "";
      if (page.after) {
        values.push(page.after.v, page.after.id);
        after = `AND (p.submitted_at, p.id) > ($1::timestamptz, $2::uuid)`;
      }
      const queue = `p.state IN ('submitted', 'in_moderation')`;
      const rows = await query(
        db,
        `SELECT ${SELECT_PETITION} FROM petitions.petition p WHERE ${queue} ${after}
         ORDER BY p.submitted_at ASC, p.id ASC LIMIT ${page.first + 1}`,
        ...values,
      );
      const [total] = await query<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM petitions.petition p WHERE ${queue}`,
      );
      return { rows: rows.map(toPetition), total: Number(total?.n ?? 0) };
    },
    async authoredCounts(accountIds) {
      if (accountIds.length === 0) return new Map();
      const rows = await query<{ id: string; n: number }>(
        db,
        `SELECT p.author_account_id::text AS id, count(*)::int AS n FROM petitions.petition p
         WHERE p.author_account_id = ANY($1::uuid[]) AND ${PUBLIC_PREDICATE} GROUP BY p.author_account_id`,
        [...accountIds],
      );
      return new Map(rows.map((row) => [row.id, Number(row.n)]));
    },
    async expiredPetitionIds(now, belowCount) {
      const rows = await query<{ id: string }>(
        db,
        `SELECT p.id::text AS id FROM petitions.petition p
         WHERE p.state = 'published' AND p.signing_ends_at <= $1::timestamptz AND p.signature_count < $2::int
         ORDER BY p.signing_ends_at LIMIT 1000`,
        now,
        belowCount,
      );
      return rows.map((row) => row.id);
    },
  };
}
