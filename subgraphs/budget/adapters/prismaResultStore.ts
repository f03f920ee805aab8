// A campaign's results on Prisma.

import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { ResultReads, ResultTx } from "../ports/resultStore.ts";
import type { Tx } from "./prismaTx.ts";
import { toResult } from "./rows.ts";

export function resultTx(tx: Tx): ResultTx {
  return {
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
  };
}

export function resultReads(prisma: PrismaClient): ResultReads {
  return {
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
  };
}
