// PetitionStore in SQL. Commands run in one transaction of the platform's raw SqlRunner (`db.transaction`), whose first
// statement locks the petition row (SELECT … FOR UPDATE): every change to a petition — signatures, withdrawals,
// paper batches, transitions — is serialised and its counters stay exact without COUNT(*). Raw transactions rather
// than Prisma's interactive ones: measured 5–7 times cheaper per statement, which is the signing throughput (see
// the README). Work on one petition is committed in groups (groupCommit.ts). Reads for loaders are one statement
// per batch.
import type { Database, SqlRunner } from "../../../platform/db/database.ts";
import { appendEntry, ledgerSql, readHead } from "../../../platform/ledger/index.ts";
import { recordEvents } from "../../../platform/outbox.ts";
import type { PetitionPatch, PetitionStore, PetitionTx } from "../ports/petitionStore.ts";
import { groupCommit } from "./groupCommit.ts";
import { listQueries, PUBLIC_PREDICATE } from "./petitionQueries.ts";
import {
  type Row,
  SELECT_PETITION,
  SELECT_SIGNATURE,
  toCoAuthor,
  toExportAudit,
  toMilestone,
  toPaperBatch,
  toPetition,
  toSignature,
} from "./rows.ts";

export const SCHEMA = "petitions";

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

/** Dates travel as ISO text (cast in SQL): identical on pg and PGlite whatever the session time zone. */
const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** A row as JSON-ready values: dates as ISO text (pg and PGlite may return either), the rest as read. */
function plain(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}

function query<T = Row>(sql: SqlRunner, text: string, ...values: unknown[]): Promise<T[]> {
  return sql.query<T>(text, values.map(param));
}

async function onePetition(sql: SqlRunner, text: string, ...values: unknown[]) {
  const [row] = await query(sql, text, ...values);
  if (!row) throw new Error("expected one petition row");
  return toPetition(row);
}

const SELECT_CO_AUTHOR = `petition_id::text AS "petitionId", account_id::text AS "accountId", invited_at AS "invitedAt",
  accepted_at AS "acceptedAt"`;
const SELECT_MILESTONE = `petition_id::text AS "petitionId", kind, threshold, reached_at AS "reachedAt",
  signature_count AS "signatureCount"`;
const SELECT_PAPER_BATCH = `id::text AS id, petition_id::text AS "petitionId", count,
  to_char(collected_on, 'YYYY-MM-DD') AS "collectedOn", location, entered_by_account_id::text AS "enteredByAccountId",
  entered_by_service AS "enteredByService", entered_at AS "enteredAt", ledger_seq::text AS "ledgerSeq"`;
const SELECT_AUDIT = `id::text AS id, petition_id::text AS "petitionId", actor_account_id::text AS "actorAccountId",
  actor_service AS "actorService", purpose, row_count AS "rowCount", exported_at AS "exportedAt",
  ledger_seq::text AS "ledgerSeq"`;

function petitionTx(sql: SqlRunner): PetitionTx {
  const ledger = ledgerSql(sql);
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
    async saveIdempotencyKey(accountId, key, petitionId, signatureId, now) {
      const rows = await query(
        sql,
        `INSERT INTO petitions.idempotency_key (account_id, key, petition_id, signature_id, created_at)
         VALUES ($1::uuid, $2, $3::uuid, $4::uuid, $5::timestamptz) ON CONFLICT (account_id, key) DO NOTHING
         RETURNING key`,
        accountId,
        key,
        petitionId,
        signatureId,
        now,
      );
      return rows.length === 1;
    },
    async signatureByToken(petitionId, token) {
      const [row] = await query(
        sql,
        `SELECT ${SELECT_SIGNATURE} FROM petitions.signature s WHERE s.petition_id = $1::uuid AND s.signer_token = $2`,
        petitionId,
        token,
      );
      return row ? toSignature(row) : null;
    },
    async signingState(accountId, key, petitionId, token) {
      const [row] = await query(
        sql,
        `SELECT k.petition_id::text AS "replayPetitionId", k.signature_id::text AS "replaySignatureId", ${SELECT_SIGNATURE}
         FROM (SELECT 1) AS one
         LEFT JOIN petitions.idempotency_key k ON k.account_id = $1::uuid AND k.key = $2
         LEFT JOIN petitions.signature s ON s.petition_id = $3::uuid AND s.signer_token = $4`,
        accountId,
        key,
        petitionId,
        token,
      );
      return {
        replay: row?.replayPetitionId
          ? { petitionId: String(row.replayPetitionId), signatureId: String(row.replaySignatureId) }
          : null,
        existing: row?.id ? toSignature(row) : null,
      };
    },
    async signatureById(id) {
      const [row] = await query(
        sql,
        `SELECT ${SELECT_SIGNATURE} FROM petitions.signature s WHERE s.id = $1::uuid`,
        id,
      );
      return row ? toSignature(row) : null;
    },
    async insertSignature(signature) {
      await query(
        sql,
        `INSERT INTO petitions.signature (id, petition_id, signer_token, account_id, public_name, verification_level, signed_at, ledger_seq)
         VALUES ($1::uuid, $2::uuid, $3, $4::uuid, $5, $6, $7::timestamptz, $8::bigint)`,
        signature.id,
        signature.petitionId,
        signature.signerToken,
        signature.accountId,
        signature.publicName,
        signature.verificationLevel,
        signature.signedAt,
        String(signature.ledgerSeq),
      );
    },
    async renewSignature(id, values) {
      const [row] = await query(
        sql,
        `UPDATE petitions.signature AS s SET account_id = $2::uuid, public_name = $3, verification_level = $4,
           signed_at = $5::timestamptz, ledger_seq = $6::bigint, withdrawn_at = NULL
         WHERE s.id = $1::uuid RETURNING ${SELECT_SIGNATURE}`,
        id,
        values.accountId,
        values.publicName,
        values.verificationLevel,
        values.signedAt,
        String(values.ledgerSeq),
      );
      if (!row) throw new Error(`signature ${id} vanished`);
      return toSignature(row);
    },
    async withdrawSignature(id, at, ledgerSeq) {
      await query(
        sql,
        `UPDATE petitions.signature SET withdrawn_at = $2::timestamptz, ledger_seq = $3::bigint WHERE id = $1::uuid`,
        id,
        at,
        String(ledgerSeq),
      );
    },
    async activeSignatures(petitionId) {
      const rows = await query(
        sql,
        `SELECT ${SELECT_SIGNATURE} FROM petitions.signature s
         WHERE s.petition_id = $1::uuid AND s.withdrawn_at IS NULL ORDER BY s.ledger_seq`,
        petitionId,
      );
      return rows.map(toSignature);
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
    async insertPaperBatch(batch) {
      await query(
        sql,
        `INSERT INTO petitions.paper_batch (id, petition_id, count, collected_on, location, entered_by_account_id,
           entered_by_service, entered_at, ledger_seq)
         VALUES ($1::uuid, $2::uuid, $3::int, $4::date, $5, $6::uuid, $7, $8::timestamptz, $9::bigint)`,
        batch.id,
        batch.petitionId,
        batch.count,
        batch.collectedOn,
        batch.location,
        batch.enteredByAccountId,
        batch.enteredByService,
        batch.enteredAt,
        String(batch.ledgerSeq),
      );
    },
    async paperBatches(petitionId) {
      const rows = await query(
        sql,
        `SELECT ${SELECT_PAPER_BATCH} FROM petitions.paper_batch WHERE petition_id = $1::uuid ORDER BY entered_at, id`,
        petitionId,
      );
      return rows.map(toPaperBatch);
    },
    async insertExportAudit(audit) {
      await query(
        sql,
        `INSERT INTO petitions.export_audit (id, petition_id, actor_account_id, actor_service, purpose, row_count, exported_at, ledger_seq)
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6::int, $7::timestamptz, $8::bigint)`,
        audit.id,
        audit.petitionId,
        audit.actorAccountId,
        audit.actorService,
        audit.purpose,
        audit.rowCount,
        audit.exportedAt,
        String(audit.ledgerSeq),
      );
    },
    appendLedger: (logId, entry, recordedAt) => appendEntry(ledger, SCHEMA, logId, entry, recordedAt),
    ledgerHead: (logId) => readHead(ledger, SCHEMA, logId),
    async recordEvents(events) {
      if (events.length > 0) await recordEvents(ledger, SCHEMA, events);
    },
  };
}

export function sqlPetitionStore(db: Database): PetitionStore {
  // Work on one petition is queued in this process and committed in groups (groupCommit.ts).
  const grouped = groupCommit((fn) => db.transaction(fn));
  return {
    transaction: (fn, options) =>
      options?.petitionId
        ? grouped.run(options.petitionId, (sql) => fn(petitionTx(sql)))
        : db.transaction((sql) => fn(petitionTx(sql))),

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
    async paperBatchesOf(petitionIds) {
      if (petitionIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_PAPER_BATCH} FROM petitions.paper_batch WHERE petition_id = ANY($1::uuid[]) ORDER BY entered_at, id`,
        [...petitionIds],
      );
      return rows.map(toPaperBatch);
    },
    async signaturesOfAccount(accountId, petitionIds) {
      if (petitionIds.length === 0) return [];
      const rows = await query(
        db,
        `SELECT ${SELECT_SIGNATURE} FROM petitions.signature s
         WHERE s.account_id = $1::uuid AND s.petition_id = ANY($2::uuid[]) AND s.withdrawn_at IS NULL`,
        accountId,
        [...petitionIds],
      );
      return rows.map(toSignature);
    },
    async signatureIdempotency(accountId, key) {
      const [row] = await query<{ petitionId: string; signatureId: string }>(
        db,
        `SELECT petition_id::text AS "petitionId", signature_id::text AS "signatureId" FROM petitions.idempotency_key
         WHERE account_id = $1::uuid AND key = $2`,
        accountId,
        key,
      );
      return row ?? null;
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
    async signedPetitions(accountId, page) {
      const values: unknown[] = [accountId];
      let after = "";
      if (page.after) {
        values.push(page.after.v, page.after.id);
        after = `AND (s.signed_at, p.id) < ($2::timestamptz, $3::uuid)`;
      }
      const rows = await query(
        db,
        `SELECT ${SELECT_PETITION}, s.signed_at AS "signedAt" FROM petitions.signature s
         JOIN petitions.petition p ON p.id = s.petition_id
         WHERE s.account_id = $1::uuid AND s.withdrawn_at IS NULL ${after}
         ORDER BY s.signed_at DESC, p.id DESC LIMIT ${page.first + 1}`,
        ...values,
      );
      const [total] = await query<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM petitions.signature s WHERE s.account_id = $1::uuid AND s.withdrawn_at IS NULL`,
        accountId,
      );
      return {
        rows: rows.map((row) => ({
          ...toPetition(row),
          signedAt: row.signedAt instanceof Date ? row.signedAt : new Date(String(row.signedAt)),
        })),
        total: Number(total?.n ?? 0),
      };
    },
    async publicSigners(petitionId, page) {
      const values: unknown[] = [petitionId];
      let after = "";
      if (page.after) {
        values.push(page.after.v, page.after.id);
        after = `AND (s.signed_at, s.id) < ($2::timestamptz, $3::uuid)`;
      }
      const rows = await query<{ id: string; publicName: string; signedAt: Date | string }>(
        db,
        `SELECT s.id::text AS id, s.public_name AS "publicName", s.signed_at AS "signedAt" FROM petitions.signature s
         WHERE s.petition_id = $1::uuid AND s.withdrawn_at IS NULL AND s.public_name IS NOT NULL ${after}
         ORDER BY s.signed_at DESC, s.id DESC LIMIT ${page.first + 1}`,
        ...values,
      );
      return rows.map((row) => ({
        id: row.id,
        publicName: row.publicName,
        signedAt: row.signedAt instanceof Date ? row.signedAt : new Date(row.signedAt),
      }));
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
    async signedCounts(accountIds) {
      if (accountIds.length === 0) return new Map();
      const rows = await query<{ id: string; n: number }>(
        db,
        `SELECT s.account_id::text AS id, count(*)::int AS n FROM petitions.signature s
         WHERE s.account_id = ANY($1::uuid[]) AND s.withdrawn_at IS NULL GROUP BY s.account_id`,
        [...accountIds],
      );
      return new Map(rows.map((row) => [row.id, Number(row.n)]));
    },
    async exportAudits(petitionId, page) {
      const values: unknown[] = [petitionId];
      let after = "";
      if (page.after) {
        values.push(page.after.v, page.after.id);
        after = `AND (a.exported_at, a.id) < ($2::timestamptz, $3::uuid)`;
      }
      const rows = await query(
        db,
        `SELECT ${SELECT_AUDIT} FROM petitions.export_audit a
         WHERE ($1::uuid IS NULL OR a.petition_id = $1::uuid) ${after}
         ORDER BY a.exported_at DESC, a.id DESC LIMIT ${page.first + 1}`,
        ...values,
      );
      return rows.map(toExportAudit);
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

    async exportAccount(accountId) {
      const all = (text: string) => query(db, text, accountId);
      const authored = await all(
        `SELECT p.id::text AS id, p.title, p.body, p.theme, p.quartier_id::text AS "quartierId", p.state,
           p.rejection_reason AS "rejectionReason", p.response_text AS "responseText",
           p.response_service AS "responseService", p.responded_at AS "respondedAt",
           p.signature_count AS "signatureCount", p.created_at AS "createdAt", p.submitted_at AS "submittedAt",
           p.published_at AS "publishedAt", p.signing_ends_at AS "signingEndsAt", p.closed_at AS "closedAt",
           p.withdrawn_at AS "withdrawnAt",
           (SELECT count(*)::int FROM petitions.co_author c WHERE c.petition_id = p.id) AS "coAuthorsInvited",
           (SELECT count(*)::int FROM petitions.co_author c WHERE c.petition_id = p.id AND c.accepted_at IS NOT NULL)
             AS "coAuthorsAccepted"
         FROM petitions.petition p WHERE p.author_account_id = $1::uuid ORDER BY p.created_at, p.id`,
      );
      const coAuthorships = await all(
        `SELECT c.petition_id::text AS "petitionId", p.title, c.invited_at AS "invitedAt", c.accepted_at AS "acceptedAt"
         FROM petitions.co_author c JOIN petitions.petition p ON p.id = c.petition_id
         WHERE c.account_id = $1::uuid ORDER BY c.invited_at, c.petition_id`,
      );
      // The leaf hash lets the person check their entry against a signed tree head (inclusionProof) on their own.
      const signatures = await all(
        `SELECT s.id::text AS id, s.petition_id::text AS "petitionId", p.title, s.signed_at AS "signedAt",
           s.withdrawn_at AS "withdrawnAt", s.public_name AS "publicName", s.verification_level AS "verificationLevel",
           'petition:' || s.petition_id::text AS "ledgerLogId", s.signer_token AS "ledgerToken",
           s.ledger_seq::text AS "ledgerIndex", encode(e.leaf_hash, 'hex') AS "ledgerLeafHash"
         FROM petitions.signature s JOIN petitions.petition p ON p.id = s.petition_id
         LEFT JOIN petitions.ledger_entry e ON e.log_id = 'petition:' || s.petition_id::text AND e.seq = s.ledger_seq
         WHERE s.account_id = $1::uuid ORDER BY s.signed_at, s.id`,
      );
      const idempotencyKeys = await all(
        `SELECT key, petition_id::text AS "petitionId", signature_id::text AS "signatureId", created_at AS "createdAt"
         FROM petitions.idempotency_key WHERE account_id = $1::uuid ORDER BY created_at, key`,
      );
      const moderated = await all(
        `SELECT p.id::text AS "petitionId", p.title, p.state, p.moderation_started_at AS "moderationStartedAt"
         FROM petitions.petition p WHERE p.moderator_account_id = $1::uuid ORDER BY p.created_at, p.id`,
      );
      const responses = await all(
        `SELECT p.id::text AS "petitionId", p.title, p.response_service AS "service", p.responded_at AS "respondedAt"
         FROM petitions.petition p WHERE p.responder_account_id = $1::uuid ORDER BY p.responded_at, p.id`,
      );
      const paperBatches = await all(
        `SELECT b.id::text AS id, b.petition_id::text AS "petitionId", b.count,
           to_char(b.collected_on, 'YYYY-MM-DD') AS "collectedOn", b.location, b.entered_by_service AS "service",
           b.entered_at AS "enteredAt"
         FROM petitions.paper_batch b WHERE b.entered_by_account_id = $1::uuid ORDER BY b.entered_at, b.id`,
      );
      const signatureExports = await all(
        `SELECT a.id::text AS id, a.petition_id::text AS "petitionId", a.actor_service AS "service", a.purpose,
           a.row_count AS "rowCount", a.exported_at AS "exportedAt"
         FROM petitions.export_audit a WHERE a.actor_account_id = $1::uuid ORDER BY a.exported_at, a.id`,
      );
      return {
        authored: authored.map(plain),
        coAuthorships: coAuthorships.map(plain),
        signatures: signatures.map((row) => ({ ...plain(row), ledgerIndex: Number(row.ledgerIndex) })),
        idempotencyKeys: idempotencyKeys.map(plain),
        asStaff: {
          moderated: moderated.map(plain),
          responses: responses.map(plain),
          paperBatches: paperBatches.map(plain),
          signatureExports: signatureExports.map(plain),
        },
      };
    },

    eraseAccount: (accountId) =>
      db.transaction(async (sql) => {
        const run = async (text: string) => (await query(sql, `${text} RETURNING 1`, accountId)).length;
        // Erased: what only concerned this person (their keys, their invitations, their never-published texts).
        const erased =
          (await run(`DELETE FROM petitions.idempotency_key WHERE account_id = $1::uuid`)) +
          (await run(`DELETE FROM petitions.co_author WHERE account_id = $1::uuid`)) +
          (await run(
            `DELETE FROM petitions.petition WHERE author_account_id = $1::uuid AND published_at IS NULL`,
          ));
        // Pseudonymised: what stays public or counted, no longer linked to the account. A signature keeps its
        // ledger token (already public, and what keeps it counted once) but loses its account and public name.
        const pseudonymised =
          (await run(
            `UPDATE petitions.petition SET author_account_id = NULL WHERE author_account_id = $1::uuid`,
          )) +
          (await run(
            `UPDATE petitions.petition SET responder_account_id = NULL WHERE responder_account_id = $1::uuid`,
          )) +
          (await run(
            `UPDATE petitions.petition SET moderator_account_id = NULL WHERE moderator_account_id = $1::uuid`,
          )) +
          (await run(
            `UPDATE petitions.signature SET account_id = NULL, public_name = NULL WHERE account_id = $1::uuid`,
          )) +
          (await run(
            `UPDATE petitions.paper_batch SET entered_by_account_id = NULL WHERE entered_by_account_id = $1::uuid`,
          )) +
          (await run(
            `UPDATE petitions.export_audit SET actor_account_id = NULL WHERE actor_account_id = $1::uuid`,
          )) +
          (await run(
            `UPDATE petitions.outbox_event SET payload = payload - 'authorId' WHERE payload->>'authorId' = $1::uuid::text`,
          ));
        return { erased, pseudonymised };
      }),
  };
}
