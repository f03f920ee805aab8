// advanceBudgetPhase: a staff member moves a campaign one phase forward, once the date has come and the
// preconditions hold. Entering the feasibility study puts every admissible project under study; entering the
// results computes them from the ballots, checks that the ballot ledger gives exactly the same tally (else
// nothing is published: someone altered ballots or the ledger), then publishes them.
import type { Caller } from "../../../platform/caller.ts";
import { newId } from "../../../platform/ids.ts";
import type { DomainEvent } from "../../../platform/outbox.ts";
import type { BudgetStore, BudgetTx } from "../ports/budgetStore.ts";
import { phaseChanged, statusChanged } from "./events.ts";
import { latestSelections } from "./ledgerTally.ts";
import { ballotCost, type Campaign, type Phase, type Project } from "./model.ts";
import { checkAdvance } from "./phases.ts";
import { type Problem, problem } from "./problems.ts";
import { sameTally, type Tally, tally } from "./tally.ts";

export async function advancePhase(
  caller: Caller,
  input: { campaignId: string; to: Phase },
  deps: { store: BudgetStore; now: Date },
): Promise<{ campaign: Campaign } | Problem | null> {
  const { now } = deps;
  return deps.store.transaction(async (tx) => {
    const campaign = await tx.campaign(input.campaignId, "update");
    if (!campaign) return null;
    const counts = await tx.statusCounts(campaign.id);
    const refused = checkAdvance(campaign, input.to, now, counts);
    if (refused) return refused;

    const events: DomainEvent[] = [phaseChanged(campaign.id, campaign.phase, input.to, now)];
    if (input.to === "feasibility") {
      const admissible = await tx.projectsOfCampaign(campaign.id, ["admissible"]);
      await tx.changeStatus(admissible, "under_study", {
        actorId: caller.accountId,
        reason: "Ouverture de l'étude de faisabilité.",
        at: now,
      });
      events.push(...admissible.map((project) => statusChanged(project, "under_study", now)));
    }
    if (input.to === "results") {
      const published = await publishResults(tx, campaign, caller, now);
      if ("problem" in published) return published;
      events.push(...published.events);
    }
    await tx.setPhase(campaign.id, campaign.phase, input.to, caller.accountId, now);
    await tx.recordEvents(events);
    return { campaign: { ...campaign, phase: input.to } };
  });
}

async function publishResults(
  tx: BudgetTx,
  campaign: Campaign,
  caller: Caller,
  now: Date,
): Promise<{ events: DomainEvent[] } | Problem> {
  // One after the other: statements of one transaction share its connection anyway.
  const envelopes = await tx.envelopes(campaign.id);
  const onBallot = await tx.projectsOfCampaign(campaign.id, ["feasible"]);
  const selections = await tx.selections(campaign.id);
  const entries = await tx.ledgerEntries(campaign.id);
  const head = await tx.ledgerHead(campaign.id);
  const tallyProjects = onBallot.map((project) => ({
    id: project.id,
    envelopeId: project.envelopeId,
    costCents: ballotCost(project),
    submittedAt: project.createdAt,
  }));
  const fromBallots: Tally = tally(envelopes, tallyProjects, selections);
  const fromLedger: Tally = tally(
    envelopes,
    tallyProjects,
    latestSelections(entries.map((row) => row.entry)),
  );
  if (!sameTally(fromBallots, fromLedger) || !(await tx.ledgerIntact(campaign.id))) {
    return problem(
      "ballot_ledger_mismatch",
      "Les bulletins enregistrés ne correspondent pas au registre public des bulletins : les résultats ne sont pas publiés.",
      { ballotCount: fromBallots.ballotCount, ledgerBallotCount: fromLedger.ballotCount },
    );
  }

  await tx.insertResults(
    fromBallots.outcomes.map((outcome) => ({ id: newId(), campaignId: campaign.id, ...outcome })),
  );
  const byId = new Map<string, Project>(onBallot.map((project) => [project.id, project]));
  const winners = fromBallots.outcomes.filter((outcome) => outcome.selected);
  const losers = fromBallots.outcomes.filter((outcome) => !outcome.selected);
  const pick = (ids: { projectId: string }[]) => ids.map(({ projectId }) => byId.get(projectId) as Project);
  const change = { actorId: caller.accountId, reason: "Publication des résultats du vote.", at: now };
  await tx.changeStatus(pick(winners), "selected", change);
  await tx.changeStatus(pick(losers), "not_selected", change);
  await tx.publishResults(campaign.id, {
    at: now,
    ballotCount: fromBallots.ballotCount,
    ledgerSize: head.size,
    ledgerRoot: head.rootHash,
  });
  return {
    events: [
      ...pick(winners).map((project) => statusChanged(project, "selected", now)),
      ...pick(losers).map((project) => statusChanged(project, "not_selected", now)),
      {
        type: "budget.results_published",
        subject: `budget_campaign:${campaign.id}`,
        payload: {
          campaignId: campaign.id,
          ballotCount: fromBallots.ballotCount,
          selectedProjectIds: winners.map((outcome) => outcome.projectId),
          ledgerSize: head.size,
          ledgerRoot: head.rootHash,
          at: now.toISOString(),
        },
      },
    ],
  };
}
