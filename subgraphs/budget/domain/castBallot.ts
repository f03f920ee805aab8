// castBallot: one ballot per eligible person and campaign, atomic. Idempotent by key: every key applied to a
// ballot is remembered, and repeating one returns the ballot without changing anything (even after a later
// change, so a late retry never reverts it). Concurrent casts by the same person meet at the unique
// (campaign, voter key) constraint: exactly one insert wins, the other then sees its ballot and becomes a
// replacement (if the campaign allows changes), a replay (same key) or AlreadyVoted. Every cast or replacement is
// appended to the ballot ledger in the same transaction.
import type { Caller } from "../../../platform/caller.ts";
import { newId } from "../../../platform/ids.ts";
import type { Ballot } from "../ports/ballotStore.ts";
import type { BudgetStore, BudgetTx } from "../ports/budgetStore.ts";
import { checkBallot, type ValidBallot } from "./ballotRules.ts";
import { ineligibilityMessage, ineligibilityReasons } from "./eligibility.ts";
import type { Campaign } from "./model.ts";
import { votingOpen } from "./phases.ts";
import { isProblem, type Problem, problem } from "./problems.ts";
import { newLedgerToken, voterKey } from "./voterKey.ts";

export interface CastBallotInput {
  campaignId: string;
  projectIds: string[];
  idempotencyKey: string;
}

export interface BallotCast {
  ballot: Ballot;
  /** True when this key was already applied to the ballot: nothing was written. */
  replayed: boolean;
}

const sorted = (ids: readonly string[]) => [...ids].sort();
const sameSelection = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && sorted(a).every((id, index) => id === sorted(b)[index]);

export async function castBallot(
  caller: Caller,
  input: CastBallotInput,
  deps: { store: BudgetStore; voterKeySecret: string; now: Date },
): Promise<BallotCast | Problem | null> {
  if (!caller.accountId) {
    return problem("not_eligible", ineligibilityMessage(["not_a_person"]), { reasons: ["not_a_person"] });
  }
  const key = voterKey(deps.voterKeySecret, input.campaignId, caller.accountId);
  const { now } = deps;
  return deps.store.transaction(async (tx) => {
    // Shared lock: ballots are cast side by side, but never while the phase changes (which locks for update).
    const campaign = await tx.campaign(input.campaignId, "share");
    if (!campaign) return null;
    let existing = await tx.ballot(campaign.id, key);
    if (existing) {
      const replay = await replayed(tx, existing, input);
      if (replay) return replay;
    }

    if (!votingOpen(campaign, now)) {
      return problem("voting_closed", "Le vote n'est pas ouvert pour cette campagne.", {
        phase: campaign.phase,
        votingEndsAt: campaign.votingEndsAt,
      });
    }
    const reasons = ineligibilityReasons(caller, campaign);
    if (reasons.length > 0) return problem("not_eligible", ineligibilityMessage(reasons), { reasons });

    const valid = await validate(tx, campaign, input.projectIds);
    if (isProblem(valid)) return valid;

    if (!existing) {
      const ballot: Ballot = {
        id: newId(),
        campaignId: campaign.id,
        voterKey: key,
        ledgerToken: newLedgerToken(),
        projectIds: valid.projectIds,
        totalCostCents: valid.totalCostCents,
        revision: 1,
        castAt: now,
        updatedAt: now,
      };
      if (await tx.insertBallot(ballot, input.idempotencyKey)) {
        // Appended last: the ledger's row lock is held from here to the commit only.
        const { leafIndex } = await appendToLedger(tx, ballot, "ballot.cast");
        return { ballot: { ...ballot, ledgerIndex: leafIndex }, replayed: false };
      }
      // Another request of the same person inserted first (and has committed): continue from its ballot.
      existing = await tx.ballot(campaign.id, key);
      if (!existing) throw new Error("ballot insert conflicted but no ballot was found");
      const replay = await replayed(tx, existing, input);
      if (replay) return replay;
    }

    if (!campaign.ballotChangeable) {
      return problem(
        "already_voted",
        "Vous avez déjà voté dans cette campagne ; un bulletin ne peut y être modifié.",
        { castAt: existing.castAt },
      );
    }
    if (sameSelection(existing.projectIds, valid.projectIds)) {
      // Nothing to change: remember the key, so its retries are replays too.
      const request = { projectIds: valid.projectIds, revision: existing.revision };
      await tx.recordBallotRequest(existing.id, input.idempotencyKey, request, now);
      return { ballot: existing, replayed: false };
    }
    const revision = existing.revision + 1;
    await tx.recordBallotRequest(
      existing.id,
      input.idempotencyKey,
      { projectIds: valid.projectIds, revision },
      now,
    );
    const replaced: Ballot = {
      ...existing,
      projectIds: valid.projectIds,
      totalCostCents: valid.totalCostCents,
      revision,
      updatedAt: now,
    };
    await tx.replaceBallot(existing.id, replaced, now);
    const { leafIndex } = await appendToLedger(tx, replaced, "ballot.replaced");
    return { ballot: { ...replaced, ledgerIndex: leafIndex }, replayed: false };
  });
}

/** The answer to a key already applied to this ballot; null when the key is new. */
async function replayed(
  tx: BudgetTx,
  ballot: Ballot,
  input: CastBallotInput,
): Promise<BallotCast | Problem | null> {
  const request = await tx.ballotRequest(ballot.id, input.idempotencyKey);
  if (!request) return null;
  return sameSelection(request.projectIds, input.projectIds)
    ? { ballot, replayed: true }
    : problem(
        "idempotency_key_reused",
        "Cette clé d'idempotence a déjà servi pour un autre bulletin : utilisez-en une nouvelle.",
      );
}

async function validate(
  tx: BudgetTx,
  campaign: Campaign,
  projectIds: string[],
): Promise<ValidBallot | Problem> {
  const { envelopes, projects } = await tx.ballotFacts(campaign);
  return checkBallot(projectIds, campaign, envelopes, projects);
}

function appendToLedger(tx: BudgetTx, ballot: Ballot, kind: "ballot.cast" | "ballot.replaced") {
  return tx.appendToLedger({
    kind,
    campaignId: ballot.campaignId,
    token: ballot.ledgerToken,
    projectIds: ballot.projectIds,
    revision: ballot.revision,
    at: ballot.updatedAt,
  });
}
