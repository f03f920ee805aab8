// Campaigns, their envelopes and phases on Prisma (the budget.campaign, envelope and phase_change tables).
import { newId } from "../../../platform/ids.ts";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { CampaignReads, CampaignTx } from "../ports/campaignStore.ts";
import { rawQuery, type Tx } from "./prismaTx.ts";
import { SELECT_CAMPAIGN, toCampaign, toEnvelope, toPhaseChange } from "./rows.ts";

export function campaignTx(tx: Tx): CampaignTx {
  const query = rawQuery(tx);
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
    async setPhase(campaignId, from, to, actorId, at) {
      await tx.budgetCampaign.update({ where: { id: campaignId }, data: { phase: to, updatedAt: at } });
      await tx.budgetPhaseChange.create({
        data: { id: newId(), campaignId, fromPhase: from, toPhase: to, actorId, occurredAt: at },
      });
    },
  };
}

export function campaignReads(prisma: PrismaClient): CampaignReads {
  return {
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
    async phaseChangesOf(campaignIds) {
      const rows = await prisma.budgetPhaseChange.findMany({
        where: { campaignId: { in: [...campaignIds] } },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toPhaseChange);
    },
  };
}
