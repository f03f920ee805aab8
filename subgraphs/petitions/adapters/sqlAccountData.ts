// A person's data across the petitions' tables in SQL: access (export) and erasure.
import type { Database } from "../../../platform/db/database.ts";
import type { AccountDataStore } from "../ports/accountDataStore.ts";
import { plain, query } from "./sql.ts";

export function accountDataStore(db: Database): AccountDataStore {
  return {
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
