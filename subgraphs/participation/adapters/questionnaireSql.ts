// The questionnaire's SQL, shared by the command transaction and the loaders' reads (any SqlRunner): questions,
// responses (one per person: the unique (consultation, account) index decides), moderation of text answers,
// reactions and results.
import type { SqlRunner } from "../../../platform/db/database.ts";
import type { Answer, QuestionRecord } from "../domain/questionnaire.ts";
import type { ReactionKind } from "../domain/react.ts";
import type { ResponseRecord } from "../domain/respond.ts";
import { aggregate, type Results } from "../domain/results.ts";
import type { TextDecision } from "../domain/reviewTexts.ts";
import { type Row, SELECT_QUESTION, SELECT_RESPONSE, toQuestion, toResponse } from "./rows.ts";

const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const query = <T = Row>(sql: SqlRunner, text: string, ...values: unknown[]) =>
  sql.query<T>(text, values.map(param));

export async function insertQuestions(sql: SqlRunner, questions: readonly QuestionRecord[]) {
  for (const q of questions) {
    await query(
      sql,
      `INSERT INTO participation.question (id, consultation_id, position, kind, label, help, required, options,
         max_choices, scale_min, scale_max, show_if)
       VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12::jsonb)`,
      q.id,
      q.consultationId,
      q.position,
      q.kind,
      q.label,
      q.help,
      q.required,
      JSON.stringify(q.options),
      q.maxChoices,
      q.scaleMin,
      q.scaleMax,
      q.showIf ? JSON.stringify(q.showIf) : null,
    );
  }
}

export async function questionsOf(sql: SqlRunner, consultationIds: readonly string[]) {
  if (consultationIds.length === 0) return [];
  const rows = await query(
    sql,
    `SELECT ${SELECT_QUESTION} FROM participation.question WHERE consultation_id = ANY($1::uuid[])
     ORDER BY consultation_id, position`,
    consultationIds,
  );
  return rows.map(toQuestion);
}

export async function insertResponse(sql: SqlRunner, r: ResponseRecord): Promise<ResponseRecord | null> {
  const [row] = await query(
    sql,
    `INSERT INTO participation.response (id, consultation_id, account_id, answers, quartier_id, revision, created_at,
       updated_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::jsonb, $5::uuid, 1, $6::timestamptz, $6::timestamptz)
     ON CONFLICT (consultation_id, account_id) DO NOTHING
     RETURNING ${SELECT_RESPONSE}`,
    r.id,
    r.consultationId,
    r.accountId,
    JSON.stringify(r.answers),
    r.quartierId,
    r.createdAt,
  );
  return row ? toResponse(row) : null;
}

export async function replaceResponse(
  sql: SqlRunner,
  consultationId: string,
  accountId: string,
  answers: readonly Answer[],
  quartierId: string | null,
  at: Date,
): Promise<ResponseRecord | null> {
  const [row] = await query(
    sql,
    `UPDATE participation.response SET answers = $3::jsonb, quartier_id = $4::uuid, revision = revision + 1,
       updated_at = $5::timestamptz
     WHERE consultation_id = $1::uuid AND account_id = $2::uuid
     RETURNING ${SELECT_RESPONSE}`,
    consultationId,
    accountId,
    JSON.stringify(answers),
    quartierId,
    at,
  );
  if (!row) return null;
  // The texts changed: moderation starts again for them.
  await query(sql, "DELETE FROM participation.text_review WHERE response_id = $1::uuid", row.id);
  return toResponse(row);
}

export async function answersOf(sql: SqlRunner, consultationId: string) {
  const rows = await query<{ answers: unknown }>(
    sql,
    "SELECT answers FROM participation.response WHERE consultation_id = $1::uuid ORDER BY id",
    consultationId,
  );
  return rows.map((row) => ({
    answers: (typeof row.answers === "string" ? JSON.parse(row.answers) : row.answers) as Answer[],
  }));
}

export async function visibleTextsOf(sql: SqlRunner, consultationId: string) {
  const rows = await query<{ questionId: string; text: string }>(
    sql,
    `SELECT t.question_id::text AS "questionId", a->>'text' AS text
     FROM participation.text_review t
     JOIN participation.response r ON r.id = t.response_id
     CROSS JOIN LATERAL jsonb_array_elements(r.answers) a
     WHERE r.consultation_id = $1::uuid AND t.visible AND a->>'questionId' = t.question_id::text
       AND a->>'text' IS NOT NULL`,
    consultationId,
  );
  const texts = new Map<string, string[]>();
  for (const row of rows) texts.set(row.questionId, [...(texts.get(row.questionId) ?? []), row.text]);
  return texts;
}

export async function liveResults(sql: SqlRunner, consultationId: string): Promise<Results> {
  return aggregate(
    await questionsOf(sql, [consultationId]),
    await answersOf(sql, consultationId),
    await visibleTextsOf(sql, consultationId),
  );
}

export async function setReaction(
  sql: SqlRunner,
  id: string,
  consultationId: string,
  accountId: string,
  kind: ReactionKind | null,
  at: Date,
) {
  if (kind === null) {
    await query(
      sql,
      "DELETE FROM participation.reaction WHERE consultation_id = $1::uuid AND account_id = $2::uuid",
      consultationId,
      accountId,
    );
    return;
  }
  await query(
    sql,
    `INSERT INTO participation.reaction (id, consultation_id, account_id, kind, created_at, updated_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::timestamptz, $5::timestamptz)
     ON CONFLICT (consultation_id, account_id) DO UPDATE SET kind = EXCLUDED.kind, updated_at = EXCLUDED.updated_at`,
    id,
    consultationId,
    accountId,
    kind,
    at,
  );
}

export async function reviewTexts(
  sql: SqlRunner,
  consultationId: string,
  decisions: readonly TextDecision[],
  reviewer: string | null,
  at: Date,
): Promise<number> {
  let reviewed = 0;
  for (const decision of decisions) {
    // Only a text answer of this consultation can be reviewed; anything else is ignored (and not counted).
    const rows = await query(
      sql,
      `INSERT INTO participation.text_review (response_id, question_id, visible, reviewed_by_account_id, reviewed_at)
       SELECT r.id, $2::uuid, $3, $4::uuid, $5::timestamptz
       FROM participation.response r CROSS JOIN LATERAL jsonb_array_elements(r.answers) a
       WHERE r.id = $1::uuid AND r.consultation_id = $6::uuid AND a->>'questionId' = $2::text
         AND a->>'text' IS NOT NULL
       ON CONFLICT (response_id, question_id) DO UPDATE SET visible = EXCLUDED.visible,
         reviewed_by_account_id = EXCLUDED.reviewed_by_account_id, reviewed_at = EXCLUDED.reviewed_at
       RETURNING 1 AS done`,
      decision.responseId,
      decision.questionId,
      decision.visible,
      reviewer,
      at,
      consultationId,
    );
    reviewed += rows.length;
  }
  return reviewed;
}
