// A person's data across the budget's tables on Prisma: access (export), erasure and retention.

import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { AccountDataStore } from "../ports/accountDataStore.ts";
import { type Row, TRANSACTION_OPTIONS } from "./prismaTx.ts";
import { SELECT_BALLOT, toBallot } from "./rows.ts";
import type { Semaphore } from "./semaphore.ts";

export function accountDataStore(prisma: PrismaClient, limited: Semaphore): AccountDataStore {
  return {
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
