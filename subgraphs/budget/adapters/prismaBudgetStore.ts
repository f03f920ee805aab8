// BudgetStore on Prisma. Reads for loaders are one statement per batch; commands run in one interactive
// transaction where locks are taken with raw SQL (FOR SHARE / FOR UPDATE), always campaign first, then projects
// in id order, so concurrent commands never deadlock.

import { containsText } from "../../../platform/db/textSearch.ts";
import { newId } from "../../../platform/ids.ts";
import { recordEvents } from "../../../platform/outbox.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { Envelope, Project } from "../domain/model.ts";
import type { BudgetStore, BudgetTx } from "../ports/budgetStore.ts";
import {
  ballotLogId,
  decodeBallotEntry,
  ledgerAppend,
  ledgerEntries,
  ledgerHead,
  ledgerIntact,
} from "./ballotLedgerStore.ts";
import {
  SELECT_BALLOT,
  SELECT_CAMPAIGN,
  SELECT_PROJECT,
  toBallot,
  toCampaign,
  toEnvelope,
  toPhaseChange,
  toProject,
  toResult,
  toReview,
  toStatusChange,
} from "./rows.ts";
import { semaphore } from "./semaphore.ts";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type Row = Record<string, unknown>;

/**
 * Interactive transactions wait for a connection (or PGlite's single one) up to maxWait: under a burst of ballots
 * every cast queues there, so the bounds are generous; a transaction itself is a handful of statements.
 */
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 };

/** Envelopes and projects of campaigns in their voting phase, immutable until the phase changes (see ballotFacts). */
type FactsCache = Map<string, { envelopes: Envelope[]; projects: Map<string, Project> }>;
const FACTS_CACHE_SIZE = 50;

function budgetTx(tx: Tx, facts: FactsCache): BudgetTx {
  const query = <T = Row>(sql: string, ...values: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...values);
  return {
    async campaign(id, lock) {
      // A transaction-scoped advisory lock, shared or exclusive, rather than FOR SHARE on the row: thousands of
      // concurrent ballots would otherwise all rewrite the campaign row's lock word (MultiXacts). Taken in its own
      // statement, so the read below sees whatever a phase change committed while we waited.
      const fn = lock === "share" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
      await query(`SELECT ${fn}(hashtext('budget.campaign'), hashtext($1))::text AS locked`, id);
      const [row] = await query(
        `SELECT ${SELECT_CAMPAIGN} FROM budget.campaign WHERE id = $1::uuid${lock === "update" ? " FOR UPDATE" : ""}`,
        id,
      );
      return row ? toCampaign(row) : null;
    },
    async envelopes(campaignId) {
      const rows = await tx.budgetEnvelope.findMany({ where: { campaignId }, orderBy: { position: "asc" } });
      return rows.map(toEnvelope);
    },
    async projects(ids) {
      if (ids.length === 0) return [];
      const rows = await query(
        `SELECT ${SELECT_PROJECT} FROM budget.project WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        ids,
      );
      return rows.map(toProject);
    },
    async peekProjects(ids) {
      if (ids.length === 0) return [];
      const rows = await tx.budgetProject.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toProject);
    },
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
    async projectsOfCampaign(campaignId, statuses) {
      const rows = await query(
        `SELECT ${SELECT_PROJECT} FROM budget.project WHERE campaign_id = $1::uuid AND status = ANY($2::text[])
         ORDER BY id FOR UPDATE`,
        campaignId,
        statuses,
      );
      return rows.map(toProject);
    },
    async statusCounts(campaignId) {
      const groups = await tx.budgetProject.groupBy({
        by: ["status"],
        where: { campaignId },
        _count: { _all: true },
      });
      return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
    },
    async insertCampaign(campaign, envelopes) {
      await tx.budgetCampaign.create({
        data: {
          id: campaign.id,
          title: campaign.title,
          description: campaign.description,
          totalBudgetCents: campaign.totalBudgetCents,
          projectCapCents: campaign.projectCapCents,
          phase: campaign.phase,
          submissionStartsAt: campaign.submissionStartsAt,
          submissionEndsAt: campaign.submissionEndsAt,
          votingStartsAt: campaign.votingStartsAt,
          votingEndsAt: campaign.votingEndsAt,
          ballotScope: campaign.ballotScope,
          ballotChangeable: campaign.ballotChangeable,
          requireResident: campaign.requireResident,
          requirePact: campaign.requirePact,
          minimumAge: campaign.minimumAge,
          createdAt: campaign.createdAt,
          updatedAt: campaign.createdAt,
        },
      });
      await tx.budgetEnvelope.createMany({ data: envelopes });
    },
    async insertProject(project, actorId) {
      await tx.budgetProject.create({ data: project });
      await tx.budgetStatusChange.create({
        data: {
          id: newId(),
          projectId: project.id,
          fromStatus: null,
          toStatus: project.status,
          reason: null,
          actorId,
          occurredAt: project.createdAt,
        },
      });
    },
    async changeStatus(projects, to, change) {
      if (projects.length === 0) return;
      await tx.budgetProject.updateMany({
        where: { id: { in: projects.map((project) => project.id) } },
        data: { status: to, updatedAt: change.at },
      });
      await tx.budgetStatusChange.createMany({
        data: projects.map((project) => ({
          id: newId(),
          projectId: project.id,
          fromStatus: project.status,
          toStatus: to,
          reason: change.reason,
          actorId: change.actorId,
          occurredAt: change.at,
        })),
      });
    },
    async updateProject(id, patch, at) {
      await tx.budgetProject.update({ where: { id }, data: { ...patch, updatedAt: at } });
    },
    async insertReview(review) {
      await tx.budgetReview.create({ data: review });
    },
    async setPhase(campaignId, from, to, actorId, at) {
      await tx.budgetCampaign.update({ where: { id: campaignId }, data: { phase: to, updatedAt: at } });
      await tx.budgetPhaseChange.create({
        data: { id: newId(), campaignId, fromPhase: from, toPhase: to, actorId, occurredAt: at },
      });
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
    async insertResults(rows) {
      if (rows.length > 0) await tx.budgetResult.createMany({ data: rows });
    },
    async publishResults(campaignId, facts) {
      await tx.budgetCampaign.update({
        where: { id: campaignId },
        data: {
          resultsPublishedAt: facts.at,
          resultsBallotCount: facts.ballotCount,
          resultsLedgerSize: facts.ledgerSize,
          resultsLedgerRoot: facts.ledgerRoot,
        },
      });
    },
    async insertMilestone(milestone) {
      await tx.budgetMilestone.create({ data: milestone });
    },
    async updateMilestone(id, projectId, patch) {
      const { count } = await tx.budgetMilestone.updateMany({ where: { id, projectId }, data: patch });
      return count === 1;
    },
    async insertNote(note) {
      await tx.budgetNote.create({ data: note });
    },
    appendToLedger: (entry) => ledgerAppend(tx, entry),
    async ledgerEntries(campaignId) {
      const stored = await ledgerEntries(tx, campaignId);
      return stored.map((row) => ({ leafIndex: row.seq, entry: decodeBallotEntry(row.entry, campaignId) }));
    },
    ledgerHead: (campaignId) => ledgerHead(tx, campaignId),
    ledgerIntact: (campaignId) => ledgerIntact(tx, campaignId),
    async recordEvents(events) {
      if (events.length > 0) await recordEvents(tx, "budget", events);
    },
  };
}

/**
 * `concurrency`: how many write transactions run at once (the others wait in order, see semaphore.ts). One on
 * PGlite, whose single connection serialises them anyway; a little less than the pool on PostgreSQL, so that
 * reads still find a connection during a burst of ballots.
 */
export function prismaBudgetStore(prisma: PrismaClient, options: { concurrency: number }): BudgetStore {
  const facts: FactsCache = new Map();
  const limited = semaphore(Math.max(1, options.concurrency));
  return {
    transaction: (fn) =>
      limited(() => prisma.$transaction((tx) => fn(budgetTx(tx, facts)), TRANSACTION_OPTIONS)),

    async campaignsByIds(ids) {
      const rows = await prisma.budgetCampaign.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toCampaign);
    },
    async listCampaigns(filter, page) {
      // Newest editions first: ids are UUIDv7, so descending ids are descending creation times.
      const where = filter.phase ? { phase: filter.phase } : {};
      const [rows, total] = await Promise.all([
        prisma.budgetCampaign.findMany({
          where: { ...where, ...(page.after ? { id: { lt: page.after.id } } : {}) },
          orderBy: { id: "desc" },
          take: page.first + 1,
        }),
        prisma.budgetCampaign.count({ where }),
      ]);
      return { rows: rows.map(toCampaign), total };
    },
    async envelopesByIds(ids) {
      const rows = await prisma.budgetEnvelope.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toEnvelope);
    },
    async envelopesOfCampaigns(campaignIds) {
      const rows = await prisma.budgetEnvelope.findMany({
        where: { campaignId: { in: [...campaignIds] } },
        orderBy: [{ campaignId: "asc" }, { position: "asc" }],
      });
      return rows.map(toEnvelope);
    },
    async projectsByIds(ids) {
      const rows = await prisma.budgetProject.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(toProject);
    },
    async listProjects(filter, page) {
      const search = filter.search
        ? {
            OR: [{ title: containsText(filter.search) }, { description: containsText(filter.search) }],
          }
        : {};
      const where = {
        ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
        ...(filter.envelopeId ? { envelopeId: filter.envelopeId } : {}),
        ...(filter.quartierId ? { quartierId: filter.quartierId } : {}),
        ...(filter.authorId ? { authorId: filter.authorId } : {}),
        ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
        ...search,
      };
      const [rows, total] = await Promise.all([
        prisma.budgetProject.findMany({
          where: { ...where, ...(page.after ? { id: { gt: page.after.id } } : {}) },
          orderBy: { id: "asc" },
          take: page.first + 1,
        }),
        prisma.budgetProject.count({ where }),
      ]);
      return { rows: rows.map(toProject), total };
    },
    async projectsMergedInto(projectIds) {
      const rows = await prisma.budgetProject.findMany({
        where: { mergedIntoId: { in: [...projectIds] } },
        orderBy: { id: "asc" },
      });
      return rows.map(toProject);
    },
    async statusChangesOf(projectIds) {
      const rows = await prisma.budgetStatusChange.findMany({
        where: { projectId: { in: [...projectIds] } },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toStatusChange);
    },
    async reviewsOf(projectIds) {
      const rows = await prisma.budgetReview.findMany({
        where: { projectId: { in: [...projectIds] } },
        orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toReview);
    },
    milestonesOf: (projectIds) =>
      prisma.budgetMilestone.findMany({
        where: { projectId: { in: [...projectIds] } },
        orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      }),
    notesOf: (projectIds) =>
      prisma.budgetNote.findMany({
        where: { projectId: { in: [...projectIds] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      }),
    async phaseChangesOf(campaignIds) {
      const rows = await prisma.budgetPhaseChange.findMany({
        where: { campaignId: { in: [...campaignIds] } },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toPhaseChange);
    },
    async resultsOfCampaigns(campaignIds) {
      const rows = await prisma.budgetResult.findMany({
        where: { campaignId: { in: [...campaignIds] } },
        orderBy: [{ envelopeId: "asc" }, { rank: "asc" }],
      });
      return rows.map(toResult);
    },
    async resultsOfProjects(projectIds) {
      const rows = await prisma.budgetResult.findMany({ where: { projectId: { in: [...projectIds] } } });
      return rows.map(toResult);
    },
    async projectCounts(campaignIds) {
      const groups = await prisma.budgetProject.groupBy({
        by: ["campaignId"],
        where: { campaignId: { in: [...campaignIds] }, status: { not: "merged" } },
        _count: { _all: true },
      });
      return new Map(groups.map((group) => [group.campaignId, group._count._all]));
    },
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
    async projectsInBox(box, limit) {
      const rows = await prisma.budgetProject.findMany({
        where: {
          latitude: { gte: box.south, lte: box.north },
          longitude: { gte: box.west, lte: box.east },
          status: { not: "merged" },
        },
        orderBy: { id: "desc" },
        take: limit,
      });
      return rows.map(toProject);
    },
    async exportAccount(accountId, voterKeyOf) {
      const campaigns = await prisma.budgetCampaign.findMany({ select: { id: true, title: true } });
      const titles = new Map(campaigns.map((campaign) => [campaign.id, campaign.title]));
      const ballots = await prisma.$queryRawUnsafe<Row[]>(
        `SELECT ${SELECT_BALLOT} FROM budget.ballot WHERE voter_key = ANY($1::text[]) AND erased_at IS NULL
         ORDER BY cast_at`,
        campaigns.map((campaign) => voterKeyOf(campaign.id)),
      );
      const projects = await prisma.budgetProject.findMany({
        where: { authorId: accountId },
        orderBy: { id: "asc" },
      });
      const reviews = await prisma.budgetReview.findMany({
        where: { reviewerId: accountId },
        orderBy: { id: "asc" },
      });
      const notes = await prisma.budgetNote.findMany({
        where: { authorId: accountId },
        orderBy: { id: "asc" },
      });
      return {
        projects: projects.map((project) => ({
          id: project.id,
          campaign: titles.get(project.campaignId),
          title: project.title,
          description: project.description,
          status: project.status,
          estimatedCostCents: project.estimatedCostCents,
          submittedAt: project.createdAt,
        })),
        // The voter key itself is an internal pseudonym: the export shows what the person can use.
        ballots: ballots.map(toBallot).map(({ voterKey: _key, ...ballot }) => ({
          ...ballot,
          campaign: titles.get(ballot.campaignId),
        })),
        reviews: reviews.map((review) => ({
          projectId: review.projectId,
          kind: review.kind,
          decision: review.decision,
          service: review.service,
          justification: review.justification,
          internalNote: review.internalNote,
          reviewedAt: review.reviewedAt,
        })),
        notes: notes.map((note) => ({
          projectId: note.projectId,
          body: note.body,
          createdAt: note.createdAt,
        })),
      };
    },
    async detachVotersOfCampaignsClosedBefore(closedBefore) {
      return limited(() =>
        prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(
            `DELETE FROM budget.ballot_request r USING budget.ballot b, budget.campaign c
             WHERE r.ballot_id = b.id AND b.campaign_id = c.id AND c.voting_ends_at < $1::timestamptz
               AND c.phase IN ('results', 'implementation')`,
            closedBefore.toISOString(),
          );
          return tx.$executeRawUnsafe(
            `UPDATE budget.ballot b SET voter_key = 'erased:' || gen_random_uuid()::text, erased_at = now()
             FROM budget.campaign c
             WHERE b.campaign_id = c.id AND b.erased_at IS NULL AND c.voting_ends_at < $1::timestamptz
               AND c.phase IN ('results', 'implementation')`,
            closedBefore.toISOString(),
          );
        }, TRANSACTION_OPTIONS),
      );
    },
    async eraseAccount(accountId, voterKeyOf) {
      return limited(() =>
        prisma.$transaction(async (tx) => {
          const campaigns = await tx.budgetCampaign.findMany({ select: { id: true } });
          const keys = campaigns.map((campaign) => voterKeyOf(campaign.id));
          // Each ballot gets a fresh random key: still one row, still counted, linked to no one.
          const ballots = await tx.$executeRawUnsafe(
            `UPDATE budget.ballot SET voter_key = 'erased:' || gen_random_uuid()::text, erased_at = now()
           WHERE voter_key = ANY($1::text[]) AND erased_at IS NULL`,
            keys,
          );
          const counts = [
            await tx.budgetProject.updateMany({ where: { authorId: accountId }, data: { authorId: null } }),
            await tx.budgetStatusChange.updateMany({
              where: { actorId: accountId },
              data: { actorId: null },
            }),
            await tx.budgetReview.updateMany({
              where: { reviewerId: accountId },
              data: { reviewerId: null },
            }),
            await tx.budgetNote.updateMany({ where: { authorId: accountId }, data: { authorId: null } }),
            await tx.budgetPhaseChange.updateMany({ where: { actorId: accountId }, data: { actorId: null } }),
          ];
          return { erased: 0, pseudonymised: ballots + counts.reduce((sum, { count }) => sum + count, 0) };
        }, TRANSACTION_OPTIONS),
      );
    },
  };
}
