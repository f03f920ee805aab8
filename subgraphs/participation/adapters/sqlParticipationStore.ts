// ParticipationStore in SQL, on the platform's raw SqlRunner (`db.transaction`): one transaction per command, row
// locks where two commands could meet (a project's timeline, a consultation's close against its responses), and
// one statement per batch for the loaders. Dates travel as ISO text (cast in SQL), identical on pg and PGlite.
import type { Database, SqlRunner } from "../../../platform/db/database.ts";
import { newId } from "../../../platform/ids.ts";
import { ledgerSql } from "../../../platform/ledger/index.ts";
import { recordEvents } from "../../../platform/outbox.ts";
import type { Results } from "../domain/results.ts";
import type { ParticipationStore, ParticipationTx } from "../ports/participationStore.ts";
import * as questionnaire from "./questionnaireSql.ts";
import {
  type Row,
  SELECT_CONSULTATION,
  SELECT_DOCUMENT,
  SELECT_MEETING,
  SELECT_PROJECT,
  SELECT_RESPONSE,
  SELECT_STEP,
  toConsultation,
  toDocument,
  toLink,
  toMeeting,
  toProject,
  toResponse,
  toStep,
} from "./rows.ts";

export const SCHEMA = "participation";

const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

function query<T = Row>(sql: SqlRunner, text: string, ...values: unknown[]): Promise<T[]> {
  return sql.query<T>(text, values.map(param));
}

const STATUS_PREDICATES: Record<string, string> = {
  upcoming:
    "c.results_published_at IS NULL AND c.closed_at IS NULL AND c.participation_starts_at > $1::timestamptz",
  open: `c.results_published_at IS NULL AND c.closed_at IS NULL AND c.participation_starts_at <= $1::timestamptz
    AND c.participation_ends_at > $1::timestamptz`,
  closed: `c.results_published_at IS NULL AND (c.closed_at IS NOT NULL OR c.participation_ends_at <= $1::timestamptz)`,
  results_published: "c.results_published_at IS NOT NULL",
};

function participationTx(sql: SqlRunner): ParticipationTx {
  return {
    async insertProject(p) {
      const first = p.places[0];
      await query(
        sql,
        `INSERT INTO participation.project (id, title, summary, body, budget_text, label, duration_text, partners,
           contact, image_url, responsible_service, quartier_ids, commune_ids, places, latitude, longitude,
           created_by_account_id, created_at, updated_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11, $12::uuid[], $13::uuid[], $14::jsonb,
           $15, $16, $17::uuid, $18::timestamptz, $18::timestamptz)`,
        p.id,
        p.title,
        p.summary,
        p.body,
        p.budgetText,
        p.label,
        p.durationText,
        p.partners,
        p.contact,
        p.imageUrl,
        p.responsibleService,
        p.quartierIds,
        p.communeIds,
        JSON.stringify(p.places),
        first?.lat ?? null,
        first?.lon ?? null,
        p.createdByAccountId,
        p.createdAt,
      );
    },
    async insertSteps(steps, announcedAt) {
      for (const step of steps) {
        await query(
          sql,
          `INSERT INTO participation.project_step (id, project_id, position, title, description, starts_at, ends_at,
             start_announced_at)
           VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, $7::timestamptz,
             CASE WHEN $6::timestamptz <= $8::timestamptz THEN $8::timestamptz END)`,
          step.id,
          step.projectId,
          step.position,
          step.title,
          step.description,
          step.startsAt,
          step.endsAt,
          announcedAt,
        );
      }
    },
    async lockProject(id) {
      const [row] = await query(
        sql,
        `SELECT ${SELECT_PROJECT} FROM participation.project WHERE id = $1::uuid FOR UPDATE`,
        id,
      );
      return row ? toProject(row) : null;
    },
    async nextStepPosition(projectId) {
      const [row] = await query<{ next: number }>(
        sql,
        `SELECT coalesce(max(position) + 1, 0)::int AS next FROM participation.project_step WHERE project_id = $1::uuid`,
        projectId,
      );
      return Number(row?.next ?? 0);
    },
    async insertLink(link) {
      await query(
        sql,
        `INSERT INTO participation.project_link (project_id, kind, target_id) VALUES ($1::uuid, $2, $3::uuid)
         ON CONFLICT DO NOTHING`,
        link.projectId,
        link.kind,
        link.targetId,
      );
      await query(
        sql,
        "UPDATE participation.project SET updated_at = now() WHERE id = $1::uuid",
        link.projectId,
      );
    },
    async insertConsultation(c, openedAnnouncedAt) {
      await query(
        sql,
        `INSERT INTO participation.consultation (id, project_id, kind, title, summary, body, publication_starts_at,
           publication_ends_at, participation_starts_at, participation_ends_at, opened_announced_at, minimum_age,
           require_resident, require_pact, quartier_ids, created_by_account_id, created_at, updated_at)
         VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::timestamptz, $8::timestamptz, $9::timestamptz,
           $10::timestamptz, $11::timestamptz, $12, $13, $14, $15::uuid[], $16::uuid, $17::timestamptz, $17::timestamptz)`,
        c.id,
        c.projectId,
        c.kind,
        c.title,
        c.summary,
        c.body,
        c.publicationStartsAt,
        c.publicationEndsAt,
        c.participationStartsAt,
        c.participationEndsAt,
        openedAnnouncedAt,
        c.eligibility.minimumAge,
        c.eligibility.requireResident,
        c.eligibility.requirePact,
        c.eligibility.quartierIds,
        c.createdByAccountId,
        c.createdAt,
      );
    },
    async insertMeetings(meetings) {
      for (const m of meetings) {
        await query(
          sql,
          `INSERT INTO participation.meeting (id, consultation_id, title, starts_at, ends_at, address, latitude,
             longitude, agenda_event_id)
           VALUES ($1::uuid, $2::uuid, $3, $4::timestamptz, $5::timestamptz, $6, $7, $8, $9::uuid)`,
          m.id,
          m.consultationId,
          m.title,
          m.startsAt,
          m.endsAt,
          m.address,
          m.lat,
          m.lon,
          m.agendaEventId,
        );
      }
    },
    async insertDocuments(documents) {
      for (const d of documents) {
        await query(
          sql,
          `INSERT INTO participation.document (id, consultation_id, position, title, url)
           VALUES ($1::uuid, $2::uuid, $3, $4, $5)`,
          d.id,
          d.consultationId,
          d.position,
          d.title,
          d.url,
        );
      }
    },
    async lockConsultation(id) {
      const [row] = await query(
        sql,
        `SELECT ${SELECT_CONSULTATION} FROM participation.consultation WHERE id = $1::uuid FOR UPDATE`,
        id,
      );
      return row ? toConsultation(row) : null;
    },
    async markClosed(id, at) {
      await query(
        sql,
        "UPDATE participation.consultation SET closed_at = $2::timestamptz, updated_at = now() WHERE id = $1::uuid",
        id,
        at,
      );
    },
    async setCommentsOpen(kind, id, open) {
      // The table from a closed set, never from input.
      const table = kind === "project" ? "participation.project" : "participation.consultation";
      const rows = await query(
        sql,
        `UPDATE ${table} SET comments_open = $2, updated_at = now() WHERE id = $1::uuid RETURNING id::text AS id`,
        id,
        open,
      );
      return rows.length > 0;
    },
    async claimStartedSteps(now, limit) {
      const rows = await query(
        sql,
        `SELECT s.id::text AS id, s.project_id::text AS "projectId", s.position, s.title, s.description,
           s.starts_at AS "startsAt", s.ends_at AS "endsAt", p.title AS "projectTitle"
         FROM participation.project_step s JOIN participation.project p ON p.id = s.project_id
         WHERE s.start_announced_at IS NULL AND s.starts_at <= $1::timestamptz
         ORDER BY s.starts_at, s.id LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
        now,
        limit,
      );
      return rows.map((row) => ({ ...toStep(row), projectTitle: String(row.projectTitle) }));
    },
    async markStepsAnnounced(ids, at) {
      if (ids.length === 0) return;
      await query(
        sql,
        "UPDATE participation.project_step SET start_announced_at = $2::timestamptz WHERE id = ANY($1::uuid[])",
        ids,
        at,
      );
    },
    async claimOpenedConsultations(now, limit) {
      const rows = await query(
        sql,
        `SELECT ${SELECT_CONSULTATION} FROM participation.consultation
         WHERE opened_announced_at IS NULL AND participation_starts_at <= $1::timestamptz AND closed_at IS NULL
         ORDER BY participation_starts_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        now,
        limit,
      );
      return rows.map(toConsultation);
    },
    async markOpenedAnnounced(ids, at) {
      if (ids.length === 0) return;
      await query(
        sql,
        "UPDATE participation.consultation SET opened_announced_at = $2::timestamptz WHERE id = ANY($1::uuid[])",
        ids,
        at,
      );
    },
    async claimEndedConsultations(now, limit) {
      const rows = await query(
        sql,
        `SELECT ${SELECT_CONSULTATION} FROM participation.consultation
         WHERE closed_at IS NULL AND participation_ends_at <= $1::timestamptz
         ORDER BY participation_ends_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        now,
        limit,
      );
      return rows.map(toConsultation);
    },
    async recordEvents(events) {
      if (events.length > 0) await recordEvents(ledgerSql(sql), SCHEMA, events);
    },
    async shareConsultation(id) {
      const [row] = await query(
        sql,
        `SELECT ${SELECT_CONSULTATION} FROM participation.consultation WHERE id = $1::uuid FOR SHARE`,
        id,
      );
      return row ? toConsultation(row) : null;
    },
    insertQuestions: (questions) => questionnaire.insertQuestions(sql, questions),
    questionsOf: (consultationId) => questionnaire.questionsOf(sql, [consultationId]),
    insertResponse: (response) => questionnaire.insertResponse(sql, response),
    replaceResponse: (consultationId, accountId, answers, quartierId, at) =>
      questionnaire.replaceResponse(sql, consultationId, accountId, answers, quartierId, at),
    answersOf: (consultationId) => questionnaire.answersOf(sql, consultationId),
    visibleTextsOf: (consultationId) => questionnaire.visibleTextsOf(sql, consultationId),
    async markResultsPublished(c, results) {
      await query(
        sql,
        `UPDATE participation.consultation SET results_published_at = $2::timestamptz, synthesis = $3,
           city_answer = $4, results = $5::jsonb, closed_at = coalesce(closed_at, $6::timestamptz), updated_at = now()
         WHERE id = $1::uuid`,
        c.id,
        c.resultsPublishedAt,
        c.synthesis,
        c.cityAnswer,
        JSON.stringify(results),
        c.closedAt,
      );
    },
    setReaction: (consultationId, accountId, kind, at) =>
      questionnaire.setReaction(sql, newId(), consultationId, accountId, kind, at),
    reviewTexts: (consultationId, decisions, reviewer, at) =>
      questionnaire.reviewTexts(sql, consultationId, decisions, reviewer, at),
  };
}

export function sqlParticipationStore(db: Database): ParticipationStore {
  return {
    transaction: (fn) => db.transaction((sql) => fn(participationTx(sql))),

    async projectsByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_PROJECT} FROM participation.project WHERE id = ANY($1::uuid[])`,
        ids,
      );
      return rows.map(toProject);
    },
    async stepsOf(projectIds) {
      if (projectIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_STEP} FROM participation.project_step WHERE project_id = ANY($1::uuid[])
         ORDER BY project_id, position`,
        projectIds,
      );
      return rows.map(toStep);
    },
    async linksOf(projectIds) {
      if (projectIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT project_id::text AS "projectId", kind, target_id::text AS "targetId" FROM participation.project_link
         WHERE project_id = ANY($1::uuid[]) ORDER BY project_id, created_at, target_id`,
        projectIds,
      );
      return rows.map(toLink);
    },
    async consultationsByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_CONSULTATION} FROM participation.consultation WHERE id = ANY($1::uuid[])`,
        ids,
      );
      return rows.map(toConsultation);
    },
    async consultationsOfProjects(projectIds) {
      if (projectIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT * FROM (SELECT ${SELECT_CONSULTATION},
           row_number() OVER (PARTITION BY project_id ORDER BY created_at DESC, id DESC) AS rank
           FROM participation.consultation WHERE project_id = ANY($1::uuid[])) ranked
         WHERE rank <= 50 ORDER BY "createdAt" DESC, id DESC`,
        projectIds,
      );
      return rows.map(toConsultation);
    },
    async meetingsOf(consultationIds) {
      if (consultationIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_MEETING} FROM participation.meeting WHERE consultation_id = ANY($1::uuid[])
         ORDER BY starts_at, id`,
        consultationIds,
      );
      return rows.map(toMeeting);
    },
    async documentsOf(consultationIds) {
      if (consultationIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_DOCUMENT} FROM participation.document WHERE consultation_id = ANY($1::uuid[])
         ORDER BY position, id`,
        consultationIds,
      );
      return rows.map(toDocument);
    },
    async listProjects(filter, limit, after) {
      const values: unknown[] = [];
      const where: string[] = [];
      if (filter.quartierId) {
        values.push(filter.quartierId);
        where.push(`$${values.length}::uuid = ANY(quartier_ids)`);
      }
      if (after) {
        values.push(after[0], after[1]);
        where.push(`(created_at, id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
      }
      values.push(limit);
      const rows = await query(
        db,
        `SELECT ${SELECT_PROJECT} FROM participation.project ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
        ...values,
      );
      return rows.map(toProject);
    },
    async listConsultations(filter, limit, after) {
      const values: unknown[] = [filter.now];
      const where: string[] = [];
      // Staff see consultations before their publication (the parameter is always referenced: its type is known).
      where.push(
        `(c.publication_starts_at <= $1::timestamptz OR ${filter.includeUnpublished ? "true" : "false"})`,
      );
      if (filter.status) where.push(`(${STATUS_PREDICATES[filter.status]})`);
      if (filter.projectId) {
        values.push(filter.projectId);
        where.push(`c.project_id = $${values.length}::uuid`);
      }
      if (after) {
        values.push(after[0], after[1]);
        where.push(`(c.created_at, c.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
      }
      values.push(limit);
      const rows = await query(
        db,
        `SELECT ${SELECT_CONSULTATION} FROM participation.consultation c
         ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY c.created_at DESC, c.id DESC LIMIT $${values.length}`,
        ...values,
      );
      return rows.map(toConsultation);
    },
    questionsOfConsultations: (ids) => questionnaire.questionsOf(db, ids),
    async responseCounts(ids) {
      if (ids.length === 0) return new Map();
      const rows = await query<{ id: string; n: number }>(
        db,
        `SELECT consultation_id::text AS id, count(*)::int AS n FROM participation.response
         WHERE consultation_id = ANY($1::uuid[]) GROUP BY consultation_id`,
        ids,
      );
      return new Map(rows.map((row) => [row.id, Number(row.n)]));
    },
    async reactionCounts(ids) {
      if (ids.length === 0) return new Map();
      const rows = await query<{ id: string; support: number; oppose: number }>(
        db,
        `SELECT consultation_id::text AS id, count(*) FILTER (WHERE kind = 'support')::int AS support,
           count(*) FILTER (WHERE kind = 'oppose')::int AS oppose
         FROM participation.reaction WHERE consultation_id = ANY($1::uuid[]) GROUP BY consultation_id`,
        ids,
      );
      return new Map(
        rows.map((row) => [row.id, { support: Number(row.support), oppose: Number(row.oppose) }]),
      );
    },
    async responsesOfAccount(accountId, ids) {
      if (ids.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_RESPONSE} FROM participation.response
         WHERE account_id = $1::uuid AND consultation_id = ANY($2::uuid[])`,
        accountId,
        ids,
      );
      return rows.map(toResponse);
    },
    async reactionsOfAccount(accountId, ids) {
      if (ids.length === 0) return new Map();
      const rows = await query<{ id: string; kind: "support" | "oppose" }>(
        db,
        `SELECT consultation_id::text AS id, kind FROM participation.reaction
         WHERE account_id = $1::uuid AND consultation_id = ANY($2::uuid[])`,
        accountId,
        ids,
      );
      return new Map(rows.map((row) => [row.id, row.kind]));
    },
    async publishedResults(ids) {
      if (ids.length === 0) return new Map();
      const rows = await query<{ id: string; results: unknown }>(
        db,
        `SELECT id::text AS id, results FROM participation.consultation
         WHERE id = ANY($1::uuid[]) AND results IS NOT NULL`,
        ids,
      );
      return new Map(
        rows.map((row) => [
          row.id,
          (typeof row.results === "string" ? JSON.parse(row.results) : row.results) as Results,
        ]),
      );
    },
    liveResults: (consultationId) => questionnaire.liveResults(db, consultationId),
    async textAnswersForReview(consultationId, pendingOnly, limit, after) {
      const values: unknown[] = [consultationId, limit];
      let keyset = "";
      if (after) {
        values.push(...after);
        keyset = "AND (r.updated_at, r.id, a->>'questionId') > ($3::timestamptz, $4::uuid, $5::text)";
      }
      const rows = await query<Row>(
        db,
        `SELECT r.id::text AS "responseId", a->>'questionId' AS "questionId", a->>'text' AS text, t.visible,
           r.updated_at AS "updatedAt"
         FROM participation.response r CROSS JOIN LATERAL jsonb_array_elements(r.answers) a
         LEFT JOIN participation.text_review t ON t.response_id = r.id AND t.question_id::text = a->>'questionId'
         WHERE r.consultation_id = $1::uuid AND a->>'text' IS NOT NULL ${pendingOnly ? "AND t.visible IS NULL" : ""}
           ${keyset}
         ORDER BY r.updated_at, r.id, a->>'questionId' LIMIT $2`,
        ...values,
      );
      return rows.map((row) => ({
        responseId: String(row.responseId),
        questionId: String(row.questionId),
        text: String(row.text),
        visible: row.visible === null || row.visible === undefined ? null : Boolean(row.visible),
        updatedAt: row.updatedAt instanceof Date ? row.updatedAt : new Date(String(row.updatedAt)),
      }));
    },
    eraseAccount: (accountId) =>
      db.transaction(async (sql) => {
        let pseudonymised = 0;
        for (const table of ["response", "reaction"]) {
          const rows = await query(
            sql,
            `UPDATE participation.${table} SET account_id = NULL${table === "response" ? ", pseudonymised_at = now()" : ""}
             WHERE account_id = $1::uuid RETURNING id`,
            accountId,
          );
          pseudonymised += rows.length;
        }
        for (const [table, column] of [
          ["project", "created_by_account_id"],
          ["consultation", "created_by_account_id"],
          ["text_review", "reviewed_by_account_id"],
        ] as const) {
          const rows = await query(
            sql,
            `UPDATE participation.${table} SET ${column} = NULL WHERE ${column} = $1::uuid RETURNING 1 AS done`,
            accountId,
          );
          pseudonymised += rows.length;
        }
        return { erased: 0, pseudonymised };
      }),
    forgetRespondents: (before) =>
      db.transaction(async (sql) => {
        let forgotten = 0;
        for (const table of ["response", "reaction"]) {
          const rows = await query(
            sql,
            `UPDATE participation.${table} SET account_id = NULL${table === "response" ? ", pseudonymised_at = now()" : ""}
              WHERE account_id IS NOT NULL
                AND consultation_id IN (
                  SELECT id FROM participation.consultation
                   WHERE COALESCE(closed_at, participation_ends_at) < $1::timestamptz)
              RETURNING id`,
            before.toISOString(),
          );
          forgotten += rows.length;
        }
        return forgotten;
      }),
    async exportAccount(accountId) {
      const responses = await query(
        db,
        `SELECT consultation_id::text AS "consultationId", answers, quartier_id::text AS "quartierId", revision,
           created_at AS "createdAt", updated_at AS "updatedAt"
         FROM participation.response WHERE account_id = $1::uuid ORDER BY created_at, id`,
        accountId,
      );
      const reactions = await query(
        db,
        `SELECT consultation_id::text AS "consultationId", kind, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM participation.reaction WHERE account_id = $1::uuid ORDER BY created_at, id`,
        accountId,
      );
      const plain = (row: Row) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [
            key,
            value instanceof Date ? value.toISOString() : value,
          ]),
        );
      return { responses: responses.map(plain), reactions: reactions.map(plain) };
    },
    async projectsInBox(box, limit) {
      const rows = await query(
        db,
        `SELECT ${SELECT_PROJECT} FROM participation.project
         WHERE latitude BETWEEN $1 AND $2 AND longitude BETWEEN $3 AND $4
         ORDER BY created_at DESC, id DESC LIMIT $5`,
        box.south,
        box.north,
        box.west,
        box.east,
        limit,
      );
      return rows.map(toProject);
    },
  };
}
