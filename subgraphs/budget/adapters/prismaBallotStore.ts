// Ballots, their idempotent requests and the ballot ledger on Prisma.

import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { Envelope, Project } from "../domain/model.ts";
import type { BallotReads, BallotTx } from "../ports/ballotStore.ts";
import {
  ballotLogId,
  decodeBallotEntry,
  ledgerAppend,
  ledgerEntries,
  ledgerHead,
  ledgerIntact,
} from "./ballotLedgerStore.ts";
import { type Row, rawQuery, type Tx } from "./prismaTx.ts";
import { SELECT_BALLOT, toBallot, toEnvelope, toProject } from "./rows.ts";

/** Envelopes and projects of campaigns in their voting phase, immutable until the phase changes (see ballotFacts). */
export type FactsCache = Map<string, { envelopes: Envelope[]; projects: Map<string, Project> }>;
const FACTS_CACHE_SIZE = 50;

export function ballotTx(tx: Tx, facts: FactsCache): BallotTx {
  const query = rawQuery(tx);
  return {
    async ballotFacts(campaign) {
      const cached = campaign.phase === "voting" ? facts.get(campaign.id) : undefined;
      if (cached) return cached;
      const envelopeRows = await tx.budgetEnvelope.findMany({
        where: { campaignId: campaign.id },
        orderBy: { position: "asc" },
      });
      const projectRows = await tx.budgetProject.findMany({ where: { campaignId: campaign.id } });
      const loaded = {
        envelopes: envelopeRows.map(toEnvelope),
        projects: new Map(projectRows.map((row) => [row.id, toProject(row)])),
      };
      if (campaign.phase === "voting") {
        if (facts.size >= FACTS_CACHE_SIZE) facts.delete(facts.keys().next().value as string);
        facts.set(campaign.id, loaded);
      }
      return loaded;
    },
    async ballot(campaignId, voterKey) {
      const [row] = await query(
        `SELECT ${SELECT_BALLOT} FROM budget.ballot WHERE campaign_id = $1::uuid AND voter_key = $2 FOR UPDATE`,
        campaignId,
        voterKey,
      );
      return row ? toBallot(row) : null;
    },
    async insertBallot(ballot, idempotencyKey) {
      // ON CONFLICT DO NOTHING waits for a concurrent insert of the same voter to commit, then inserts nothing —
      // and then neither does the request row, written by the same statement.
      const inserted = await tx.$executeRawUnsafe(
        `WITH ballot AS (
           INSERT INTO budget.ballot (id, campaign_id, voter_key, ledger_token, project_ids, total_cost_cents, revision,
                                      cast_at, updated_at)
           VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid[], $6, $7, $8::timestamptz, $8::timestamptz)
           ON CONFLICT (campaign_id, voter_key) DO NOTHING
           RETURNING id, project_ids, revision, cast_at
         )
         INSERT INTO budget.ballot_request (ballot_id, idempotency_key, project_ids, revision, created_at)
         SELECT id, $9, project_ids, revision, cast_at FROM ballot`,
        ballot.id,
        ballot.campaignId,
        ballot.voterKey,
        ballot.ledgerToken,
        ballot.projectIds,
        ballot.totalCostCents,
        ballot.revision,
        ballot.castAt.toISOString(),
        idempotencyKey,
      );
      return inserted === 1;
    },
    async replaceBallot(id, change, at) {
      await tx.$executeRawUnsafe(
        `UPDATE budget.ballot SET project_ids = $2::uuid[], total_cost_cents = $3, revision = $4,
                updated_at = $5::timestamptz
         WHERE id = $1::uuid`,
        id,
        change.projectIds,
        change.totalCostCents,
        change.revision,
        at.toISOString(),
      );
    },
    async ballotRequest(ballotId, idempotencyKey) {
      const [row] = await query<{ projectIds: string[]; revision: number }>(
        `SELECT project_ids::text[] AS "projectIds", revision FROM budget.ballot_request
         WHERE ballot_id = $1::uuid AND idempotency_key = $2`,
        ballotId,
        idempotencyKey,
      );
      return row ? { projectIds: row.projectIds, revision: Number(row.revision) } : null;
    },
    async recordBallotRequest(ballotId, idempotencyKey, request, at) {
      await tx.$executeRawUnsafe(
        `INSERT INTO budget.ballot_request (ballot_id, idempotency_key, project_ids, revision, created_at)
         VALUES ($1::uuid, $2, $3::uuid[], $4, $5::timestamptz)`,
        ballotId,
        idempotencyKey,
        request.projectIds,
        request.revision,
        at.toISOString(),
      );
    },
    async selections(campaignId) {
      const rows = await query<{ projectIds: string[] }>(
        `SELECT project_ids::text[] AS "projectIds" FROM budget.ballot WHERE campaign_id = $1::uuid`,
        campaignId,
      );
      return rows.map((row) => row.projectIds);
    },
    appendToLedger: (entry) => ledgerAppend(tx, entry),
    async ledgerEntries(campaignId) {
      const stored = await ledgerEntries(tx, campaignId);
      return stored.map((row) => ({ leafIndex: row.seq, entry: decodeBallotEntry(row.entry, campaignId) }));
    },
    ledgerHead: (campaignId) => ledgerHead(tx, campaignId),
    ledgerIntact: (campaignId) => ledgerIntact(tx, campaignId),
  };
}

export function ballotReads(prisma: PrismaClient): BallotReads {
  return {
    async ballotCounts(campaignIds) {
      const groups = await prisma.budgetBallot.groupBy({
        by: ["campaignId"],
        where: { campaignId: { in: [...campaignIds] } },
        _count: { _all: true },
      });
      return new Map(groups.map((group) => [group.campaignId, group._count._all]));
    },
    async ballotOf(campaignId, voterKey) {
      const [row] = await prisma.$queryRawUnsafe<Row[]>(
        `SELECT ${SELECT_BALLOT} FROM budget.ballot WHERE campaign_id = $1::uuid AND voter_key = $2`,
        campaignId,
        voterKey,
      );
      return row ? toBallot(row) : null;
    },
    async ledgerIndexOf(campaignId, ledgerToken) {
      const [row] = await prisma.$queryRawUnsafe<{ seq: number | null }[]>(
        `SELECT max(seq)::int AS seq FROM budget.ledger_entry
         WHERE log_id = $1 AND (entry::jsonb ->> 'token') = $2`,
        ballotLogId(campaignId),
        ledgerToken,
      );
      return row?.seq ?? null;
    },
  };
}
