// Every change of a petition's count goes through here, inside the transaction that holds the petition's lock:
// the counters are updated in place (no COUNT(*) on read), the milestones crossed are recorded with their date,
// and their events are written to the outbox in the same transaction.
import type { PetitionTx } from "../ports/petitionStore.ts";
import type { PetitionRecord } from "./model.ts";
import type { PetitionRules } from "./rules.ts";
import { milestonesCrossed, thresholdOf } from "./status.ts";

export async function changeCount(
  tx: PetitionTx,
  petition: PetitionRecord,
  delta: { online: number; paper: number },
  rules: PetitionRules,
  now: Date,
): Promise<PetitionRecord> {
  const updated = await tx.addToCounts(petition.id, delta.online, delta.paper, now);
  const crossed = milestonesCrossed(petition.signatureCount, updated.signatureCount, rules);
  if (crossed.length > 0) {
    // A count that falls back and rises again does not reach a milestone twice.
    const reached = new Set((await tx.milestones(petition.id)).map((milestone) => milestone.kind));
    const fresh = crossed.filter((kind) => !reached.has(kind));
    for (const kind of fresh) {
      await tx.insertMilestone({
        petitionId: petition.id,
        kind,
        threshold: thresholdOf(kind, rules),
        reachedAt: now,
        signatureCount: updated.signatureCount,
      });
    }
    await tx.recordEvents(
      fresh.map((kind) => ({
        type: "petition.milestone_reached",
        subject: `petition:${petition.id}`,
        payload: {
          petitionId: petition.id,
          authorId: petition.authorAccountId,
          milestone: kind,
          threshold: thresholdOf(kind, rules),
          signatureCount: updated.signatureCount,
          reachedAt: now.toISOString(),
        },
      })),
    );
  }
  return updated;
}
