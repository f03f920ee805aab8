// Recounts a campaign from its public ballot ledger, trusting nothing the server computed:
//
//   node_modules/.bin/node subgraphs/budget/recount.ts --url http://localhost:4000/graphql --campaign <id> \
//       [--public-key <key kept from an earlier visit>]
//
// 1. downloads the ledger and verifies it (root recomputed from the entries, signed head, total = ballots);
// 2. keeps each ballot token's latest entry and tallies them with the published rule (domain/tally.ts), using the
//    public facts of the projects on the ballot (envelope, cost, submission date);
// 3. compares with the published votes, ranks and outcomes. Exit code 0 when everything agrees, 1 otherwise.
import { fileURLToPath } from "node:url";
import { fetchLedger, type VerificationReport, verifyLedger } from "../../platform/ledger/index.ts";
import { decodeBallotEntry } from "./adapters/ballotLedgerStore.ts";
import type { ResultReason } from "./domain/model.ts";
import { type Recount, recount } from "./domain/recount.ts";

const RESULTS = /* GraphQL */ `
  query BudgetRecount($id: ID!) {
    budgetCampaign(id: $id) {
      id
      envelopes { id amountCents }
      results {
        ballotCount
        envelopes {
          envelope { id }
          projects { votes rank reason project { id costCents submittedAt } }
        }
      }
    }
  }
`;

interface ResultsAnswer {
  budgetCampaign: {
    envelopes: { id: string; amountCents: number }[];
    results: {
      ballotCount: number;
      envelopes: {
        envelope: { id: string };
        projects: {
          votes: number;
          rank: number;
          reason: string;
          project: { id: string; costCents: number; submittedAt: string };
        }[];
      }[];
    } | null;
  } | null;
}

export interface RecountReport {
  verification: VerificationReport;
  recount: Recount;
  ok: boolean;
}

export async function recountCampaign(options: {
  url: string;
  campaignId: string;
  publicKey?: string;
  token?: string;
}): Promise<RecountReport> {
  const headers = {
    "content-type": "application/json",
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  };
  const response = await fetch(options.url, {
    method: "POST",
    headers,
    body: JSON.stringify({ query: RESULTS, variables: { id: options.campaignId } }),
  });
  const body = (await response.json()) as { data?: ResultsAnswer; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join("; "));
  const campaign = body.data?.budgetCampaign;
  if (!campaign?.results) throw new Error("no published results for this campaign");

  const ledger = await fetchLedger({
    url: options.url,
    path: `budgetCampaign(id: "${options.campaignId}").ballotLedger`,
    ...(options.token ? { token: options.token } : {}),
  });
  const verification = verifyLedger(ledger, options.publicKey ? { publicKey: options.publicKey } : {});
  const entries = ledger.entries.map((text) => decodeBallotEntry(text, options.campaignId));
  const published = campaign.results.envelopes.flatMap((envelope) =>
    envelope.projects.map((row) => ({
      id: row.project.id,
      envelopeId: envelope.envelope.id,
      costCents: row.project.costCents,
      submittedAt: new Date(row.project.submittedAt),
      votes: row.votes,
      rank: row.rank,
      reason: row.reason.toLowerCase() as ResultReason,
    })),
  );
  const result = recount(entries, campaign.envelopes, published, campaign.results.ballotCount);
  return { verification, recount: result, ok: verification.ok && result.differences.length === 0 };
}

function argument(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const url = argument(args, "--url");
  const campaignId = argument(args, "--campaign");
  if (!url || !campaignId) throw new Error("usage: recount.ts --url <graphql endpoint> --campaign <id>");
  const publicKey = argument(args, "--public-key");
  const report = await recountCampaign({ url, campaignId, ...(publicKey ? { publicKey } : {}) });
  for (const check of report.verification.checks)
    console.log(`${check.ok ? "✓" : "✗"} ${check.name}: ${check.detail}`);
  for (const difference of report.recount.differences) console.log(`✗ ${difference}`);
  console.log(
    `${report.ok ? "RECOUNTED" : "MISMATCH"} — ${report.recount.tally.ballotCount} ballots, ` +
      `${report.recount.tally.outcomes.filter((outcome) => outcome.selected).length} project(s) selected`,
  );
  return report.ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`recount: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
