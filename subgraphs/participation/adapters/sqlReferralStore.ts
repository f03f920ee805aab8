// ReferralStore in SQL (participation.observatory_referral) on the platform's raw SqlRunner, identical on pg and
// PGlite. A person's referrals are serialised by a transaction-scoped advisory lock on their account, under which
// the rate limit is counted; staff decisions are compare-and-set on the status.
import type { Database, SqlRunner } from "../../../platform/db/database.ts";
import { ledgerSql } from "../../../platform/ledger/index.ts";
import { recordEvents } from "../../../platform/outbox.ts";
import type { ReferralRecord } from "../domain/observatory/model.ts";
import type { ReferralFilter, ReferralStore } from "../ports/referralStore.ts";
import type { Row } from "./rows.ts";
import { SCHEMA } from "./sqlParticipationStore.ts";

const COLUMNS = `id::text AS id, title, description, place_name AS "placeName", latitude AS lat, longitude AS lon,
  project_id::text AS "projectId", mechanisms_tried AS "mechanismsTried", referrer_kind AS "referrerKind",
  collective_name AS "collectiveName", referrer_account_id::text AS "referrerAccountId", status,
  submitted_at AS "submittedAt", examination_started_at AS "examinationStartedAt", answer, answered_at AS "answeredAt"`;

const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const dateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : date(value);
const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

function toReferral(row: Row): ReferralRecord {
  return {
    id: String(row.id),
    title: String(row.title),
    description: String(row.description),
    place:
      row.placeName === null || row.placeName === undefined
        ? null
        : { name: String(row.placeName), lat: numberOrNull(row.lat), lon: numberOrNull(row.lon) },
    projectId: (row.projectId as string | null) ?? null,
    mechanismsTried: String(row.mechanismsTried),
    referrerKind: row.referrerKind as ReferralRecord["referrerKind"],
    collectiveName: (row.collectiveName as string | null) ?? null,
    referrerAccountId: (row.referrerAccountId as string | null) ?? null,
    status: row.status as ReferralRecord["status"],
    submittedAt: date(row.submittedAt),
    examinationStartedAt: dateOrNull(row.examinationStartedAt),
    answer: (row.answer as string | null) ?? null,
    answeredAt: dateOrNull(row.answeredAt),
  };
}

function query(sql: SqlRunner, text: string, ...values: unknown[]): Promise<Row[]> {
  return sql.query<Row>(text, values.map(param));
}

/** WHERE clause and parameters of a list filter (parameters from $1). */
function where(filter: ReferralFilter): { clause: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  if (filter.status) {
    values.push(filter.status);
    parts.push(`status = $${values.length}`);
  }
  if (filter.referrerAccountId) {
    values.push(filter.referrerAccountId);
    parts.push(`referrer_account_id = $${values.length}::uuid`);
  }
  return { clause: parts.length > 0 ? `WHERE ${parts.join(" AND ")}` : "", values };
}

export function sqlReferralStore(db: Database): ReferralStore {
  return {
    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${COLUMNS} FROM participation.observatory_referral WHERE id = ANY($1::uuid[])`,
        [...ids],
      );
      return rows.map(toReferral);
    },

    async list(filter, limit, after) {
      const { clause, values } = where(filter);
      const n = values.length;
      const keyset = after
        ? `${clause ? `${clause} AND` : "WHERE"} (submitted_at, id) < ($${n + 1}::timestamptz, $${n + 2}::uuid)`
        : clause;
      const rows = await query(
        db,
        `SELECT ${COLUMNS} FROM participation.observatory_referral ${keyset}
         ORDER BY submitted_at DESC, id DESC LIMIT $${n + (after ? 3 : 1)}`,
        ...values,
        ...(after ?? []),
        limit,
      );
      return rows.map(toReferral);
    },

    async count(filter) {
      const { clause, values } = where(filter);
      const [row] = await query(
        db,
        `SELECT count(*)::int AS n FROM participation.observatory_referral ${clause}`,
        ...values,
      );
      return Number(row?.n ?? 0);
    },

    submit(referral, limit, event) {
      return db.transaction(async (sql) => {
        await query(
          sql,
          "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text AS locked",
          `participation:referral:${referral.referrerAccountId}`,
        );
        const [recent] = await query(
          sql,
          `SELECT count(*)::int AS n, min(submitted_at) AS oldest FROM participation.observatory_referral
            WHERE referrer_account_id = $1::uuid AND submitted_at > $2::timestamptz`,
          referral.referrerAccountId,
          limit.since,
        );
        if (recent && Number(recent.n) >= limit.max && recent.oldest) {
          const frees = date(recent.oldest).getTime() + limit.seconds * 1000;
          return {
            kind: "rate_limited",
            retryAfterSeconds: Math.max(1, Math.ceil((frees - referral.submittedAt.getTime()) / 1000)),
          } as const;
        }
        if (referral.projectId) {
          // Shared lock: the project cannot vanish before the referral naming it is committed.
          const [project] = await query(
            sql,
            "SELECT id FROM participation.project WHERE id = $1::uuid FOR SHARE",
            referral.projectId,
          );
          if (!project) return { kind: "project_not_found" } as const;
        }
        await query(
          sql,
          `INSERT INTO participation.observatory_referral (id, title, description, place_name, latitude, longitude,
             project_id, mechanisms_tried, referrer_kind, collective_name, referrer_account_id, status, submitted_at)
           VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::uuid, $8, $9, $10, $11::uuid, $12, $13::timestamptz)`,
          referral.id,
          referral.title,
          referral.description,
          referral.place?.name ?? null,
          referral.place?.lat ?? null,
          referral.place?.lon ?? null,
          referral.projectId,
          referral.mechanismsTried,
          referral.referrerKind,
          referral.collectiveName,
          referral.referrerAccountId,
          referral.status,
          referral.submittedAt,
        );
        await recordEvents(ledgerSql(sql), SCHEMA, [event]);
        return { kind: "submitted", referral } as const;
      });
    },

    change(id, from, change, event) {
      return db.transaction(async (sql) => {
        const [row] = await query(
          sql,
          `UPDATE participation.observatory_referral
              SET status = $3,
                  examination_started_at = COALESCE($4::timestamptz, examination_started_at),
                  answer = COALESCE($5, answer),
                  answered_at = COALESCE($6::timestamptz, answered_at),
                  answered_by_account_id = COALESCE($7::uuid, answered_by_account_id)
            WHERE id = $1::uuid AND status = ANY($2::text[])
            RETURNING ${COLUMNS}`,
          id,
          [...from],
          change.status,
          change.examinationStartedAt ?? null,
          change.answer ?? null,
          change.answeredAt ?? null,
          change.answeredByAccountId ?? null,
        );
        if (!row) return null;
        const referral = toReferral(row);
        await recordEvents(ledgerSql(sql), SCHEMA, [event(referral)]);
        return referral;
      });
    },

    async exportAccount(accountId) {
      const rows = await query(
        db,
        `SELECT ${COLUMNS} FROM participation.observatory_referral WHERE referrer_account_id = $1::uuid
          ORDER BY submitted_at, id`,
        accountId,
      );
      return rows.map(toReferral).map((referral) => ({
        id: referral.id,
        title: referral.title,
        description: referral.description,
        place: referral.place,
        projectId: referral.projectId,
        mechanismsTried: referral.mechanismsTried,
        referrerKind: referral.referrerKind,
        collectiveName: referral.collectiveName,
        status: referral.status,
        submittedAt: referral.submittedAt.toISOString(),
        answer: referral.answer,
        answeredAt: referral.answeredAt?.toISOString() ?? null,
      }));
    },

    async forgetReferrers(before) {
      const rows = await query(
        db,
        `UPDATE participation.observatory_referral
            SET referrer_account_id = NULL, collective_name = NULL, pseudonymised_at = now()
          WHERE status IN ('answered', 'declined') AND answered_at < $1::timestamptz
            AND (referrer_account_id IS NOT NULL OR collective_name IS NOT NULL)
          RETURNING 1 AS done`,
        before.toISOString(),
      );
      return rows.length;
    },
    eraseAccount(accountId) {
      return db.transaction(async (sql) => {
        const referred = await query(
          sql,
          `UPDATE participation.observatory_referral
              SET referrer_account_id = NULL, collective_name = NULL, pseudonymised_at = now()
            WHERE referrer_account_id = $1::uuid RETURNING 1 AS done`,
          accountId,
        );
        const answered = await query(
          sql,
          `UPDATE participation.observatory_referral SET answered_by_account_id = NULL
            WHERE answered_by_account_id = $1::uuid RETURNING 1 AS done`,
          accountId,
        );
        return referred.length + answered.length;
      });
    },
  };
}
