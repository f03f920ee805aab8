// Signatures and their idempotency keys in SQL (petitions.signature, idempotency_key).
import type { Database, SqlRunner } from "../../../platform/db/database.ts";
import type { SignatureReads, SignatureTx } from "../ports/signatureStore.ts";
import { SELECT_PETITION, SELECT_SIGNATURE, toPetition, toSignature } from "./rows.ts";
import { query } from "./sql.ts";

export function signatureTx(sql: SqlRunner): SignatureTx {
  return {
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
  };
}

export function signatureReads(db: Database): SignatureReads {
  return {
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
  };
}
