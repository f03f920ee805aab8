// ContributionStore and ErasureStore on Prisma. Decisions are conditional updates (`WHERE status = 'pending'`), so
// two agents deciding the same claim at once cannot both win.

import { recordEvents } from "../../../platform/outbox.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import type {
  ClaimRecord,
  ClaimStatus,
  ContributionStore,
  ErasureStore,
  ProposalRecord,
  ProposalStatus,
} from "../ports/contributionStore.ts";
import type { OrganizationChanges } from "../ports/organizationStore.ts";
import { applyChangesInTransaction } from "./prismaOrganizationStore.ts";

const toClaim = (row: Prisma.OrganizationClaimGetPayload<object>): ClaimRecord => ({
  ...row,
  status: row.status as ClaimStatus,
});

const toProposal = (row: Prisma.OrganizationEditProposalGetPayload<object>): ProposalRecord => ({
  ...row,
  changes: row.changes as OrganizationChanges,
  status: row.status as ProposalStatus,
});

export function prismaContributionStore(prisma: PrismaClient): ContributionStore {
  return {
    async claimsByIds(ids) {
      return (await prisma.organizationClaim.findMany({ where: { id: { in: [...ids] } } })).map(toClaim);
    },
    async openClaim(organizationId, accountId) {
      const row = await prisma.organizationClaim.findFirst({
        where: { organizationId, accountId, status: { in: ["pending", "approved"] } },
      });
      return row ? toClaim(row) : null;
    },
    async createClaim(claim) {
      return toClaim(await prisma.organizationClaim.create({ data: { ...claim, status: "pending" } }));
    },
    async decideClaim(id, status, decision) {
      return prisma.$transaction(async (tx) => {
        const rows = await tx.organizationClaim.updateManyAndReturn({
          where: { id, status: "pending" },
          data: {
            status,
            decidedAt: decision.at,
            decidedByAccountId: decision.decidedByAccountId,
            decisionNote: decision.note,
          },
        });
        const row = rows[0];
        if (!row) return null;
        // The claimant is told through the notifications worker; the payload holds only pseudonymous ids.
        await recordEvents(tx, "directory", [
          {
            type: "organization.claim_decided",
            subject: `organization:${row.organizationId}`,
            payload: {
              claimId: row.id,
              organizationId: row.organizationId,
              accountId: row.accountId,
              status,
            },
          },
        ]);
        return toClaim(row);
      });
    },
    async pendingClaims(limit) {
      const rows = await prisma.organizationClaim.findMany({
        where: { status: "pending" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toClaim);
    },
    async claimsOf(accountId) {
      const rows = await prisma.organizationClaim.findMany({
        where: { accountId },
        orderBy: { createdAt: "desc" },
      });
      return rows.map(toClaim);
    },
    async representedBy(accountId, organizationIds) {
      const rows = await prisma.organizationClaim.findMany({
        where: { accountId, status: "approved", organizationId: { in: [...organizationIds] } },
        select: { organizationId: true },
      });
      return new Set(rows.map((row) => row.organizationId));
    },
    async representativesOf(organizationIds) {
      const rows = await prisma.organizationClaim.findMany({
        where: { status: "approved", accountId: { not: null }, organizationId: { in: [...organizationIds] } },
        select: { organizationId: true, accountId: true },
        orderBy: { decidedAt: "asc" },
      });
      return rows.map((row) => ({ organizationId: row.organizationId, accountId: row.accountId ?? "" }));
    },
    async proposalsByIds(ids) {
      return (await prisma.organizationEditProposal.findMany({ where: { id: { in: [...ids] } } })).map(
        toProposal,
      );
    },
    async createProposal(proposal) {
      return toProposal(
        await prisma.organizationEditProposal.create({
          data: { ...proposal, changes: proposal.changes as Prisma.InputJsonValue, status: "pending" },
        }),
      );
    },
    async pendingProposals(limit) {
      const rows = await prisma.organizationEditProposal.findMany({
        where: { status: "pending" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toProposal);
    },
    async applyProposal(proposal, changes, expectedVersion, decision) {
      return prisma
        .$transaction(async (tx) => {
          const marked = await tx.organizationEditProposal.updateMany({
            where: { id: proposal.id, status: "pending" },
            data: {
              status: "applied",
              decidedAt: decision.at,
              decidedByAccountId: decision.decidedByAccountId,
              decisionNote: decision.note,
            },
          });
          if (marked.count === 0) return { kind: "already_decided" as const };
          const result = await applyChangesInTransaction(
            tx,
            proposal.organizationId,
            changes,
            expectedVersion,
            {
              origin: "proposal",
              proposalId: proposal.id,
              editedByAccountId: proposal.proposedByAccountId,
              editedByClient: null,
            },
          );
          // A lost race on the organisation undoes the decision too: the agent sees the conflict and decides again.
          if (result.kind !== "applied") throw new RollbackWith(result);
          return result;
        })
        .catch((error: unknown) => {
          if (error instanceof RollbackWith) return error.result;
          throw error;
        });
    },
    async rejectProposal(id, decision) {
      const rows = await prisma.organizationEditProposal.updateManyAndReturn({
        where: { id, status: "pending" },
        data: {
          status: "rejected",
          decidedAt: decision.at,
          decidedByAccountId: decision.decidedByAccountId,
          decisionNote: decision.note,
        },
      });
      return rows[0] ? toProposal(rows[0]) : null;
    },
  };
}

class RollbackWith extends Error {
  readonly result: Exclude<Awaited<ReturnType<typeof applyChangesInTransaction>>, { kind: "applied" }>;
  constructor(result: RollbackWith["result"]) {
    super("rollback");
    this.result = result;
  }
}

/**
 * Erasure of an account (the platform's erasure convention). Nothing public depends on a pending claim or a
 * volunteer's identity, but counts do: volunteer rows stay without their account (the initiative keeps its count),
 * initiatives stay without their publisher, claims, proposals and revisions stay as history without the person;
 * undelivered outbox events lose the account id. Only pending claims, which mean nothing without the person, go.
 */
export function prismaErasureStore(prisma: PrismaClient): ErasureStore {
  return {
    async exportAccount(accountId) {
      const [claims, proposals, revisions, initiatives, volunteering] = await Promise.all([
        prisma.organizationClaim.findMany({
          where: { OR: [{ accountId }, { decidedByAccountId: accountId }] },
          select: {
            id: true,
            organizationId: true,
            accountId: true,
            message: true,
            status: true,
            createdAt: true,
            decidedAt: true,
            decidedByAccountId: true,
            decisionNote: true,
          },
          orderBy: { createdAt: "asc" },
        }),
        prisma.organizationEditProposal.findMany({
          where: { OR: [{ proposedByAccountId: accountId }, { decidedByAccountId: accountId }] },
          orderBy: { createdAt: "asc" },
        }),
        prisma.organizationRevision.findMany({
          where: { editedByAccountId: accountId },
          select: { organizationId: true, version: true, origin: true, changes: true, createdAt: true },
          orderBy: { createdAt: "asc" },
        }),
        prisma.initiative.findMany({
          where: { organizerAccountId: accountId },
          select: { id: true, title: true, startsAt: true, endsAt: true, status: true, createdAt: true },
          orderBy: { createdAt: "asc" },
        }),
        prisma.initiativeVolunteer.findMany({
          where: { accountId },
          select: {
            initiativeId: true,
            createdAt: true,
            initiative: { select: { title: true, startsAt: true } },
          },
          orderBy: { createdAt: "asc" },
        }),
      ]);
      const mine = (id: string | null) => id === accountId;
      return {
        representationClaims: claims.filter((claim) => mine(claim.accountId)),
        claimsDecided: claims
          .filter((claim) => mine(claim.decidedByAccountId))
          .map((claim) => ({
            id: claim.id,
            organizationId: claim.organizationId,
            status: claim.status,
            decidedAt: claim.decidedAt,
          })),
        editProposals: proposals.filter((proposal) => mine(proposal.proposedByAccountId)),
        editProposalsDecided: proposals
          .filter((proposal) => mine(proposal.decidedByAccountId))
          .map((proposal) => ({
            id: proposal.id,
            organizationId: proposal.organizationId,
            status: proposal.status,
          })),
        organizationEdits: revisions,
        initiativesPublished: initiatives,
        volunteering: volunteering.map((row) => ({
          initiativeId: row.initiativeId,
          title: row.initiative.title,
          startsAt: row.initiative.startsAt,
          answeredAt: row.createdAt,
        })),
      };
    },
    async eraseAccount(accountId) {
      return prisma.$transaction(async (tx) => {
        const pendingClaims = await tx.organizationClaim.deleteMany({
          where: { accountId, status: "pending" },
        });
        // In order, one statement at a time: the approved claim must be revoked before claims lose their account.
        const steps = [
          () => tx.initiativeVolunteer.updateMany({ where: { accountId }, data: { accountId: null } }),
          () =>
            tx.initiative.updateMany({
              where: { organizerAccountId: accountId },
              data: { organizerAccountId: null },
            }),
          // An approved representative stops representing: the claim is kept as revoked history.
          () =>
            tx.organizationClaim.updateMany({
              where: { accountId, status: "approved" },
              data: { accountId: null, status: "revoked" },
            }),
          () => tx.organizationClaim.updateMany({ where: { accountId }, data: { accountId: null } }),
          () =>
            tx.organizationClaim.updateMany({
              where: { decidedByAccountId: accountId },
              data: { decidedByAccountId: null },
            }),
          () =>
            tx.organizationEditProposal.updateMany({
              where: { proposedByAccountId: accountId },
              data: { proposedByAccountId: null },
            }),
          () =>
            tx.organizationEditProposal.updateMany({
              where: { decidedByAccountId: accountId },
              data: { decidedByAccountId: null },
            }),
          () =>
            tx.organizationRevision.updateMany({
              where: { editedByAccountId: accountId },
              data: { editedByAccountId: null },
            }),
        ];
        let pseudonymisedRows = 0;
        for (const step of steps) pseudonymisedRows += (await step()).count;
        const outbox = await tx.$executeRawUnsafe(
          `UPDATE "directory"."outbox_event" SET payload = payload - 'accountId'
           WHERE payload->>'accountId' = $1 AND delivered_at IS NULL`,
          accountId,
        );
        return { erased: pendingClaims.count, pseudonymised: pseudonymisedRows + outbox };
      });
    },
  };
}
