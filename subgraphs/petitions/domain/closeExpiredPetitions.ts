// A published petition whose signing period ended below the first threshold is closed (and an event tells the
// notifications). One above the threshold stays published, awaiting the city's answer. Idempotent: run it as
// often as you like (the subgraph runs it every PETITION_CLOSE_INTERVAL_SECONDS, and `_closeExpiredPetitions`).
import type { PetitionStore } from "../ports/petitionStore.ts";
import type { PetitionRules } from "./rules.ts";

export async function closeExpiredPetitions(
  store: PetitionStore,
  rules: PetitionRules,
  now: Date,
): Promise<number> {
  let closed = 0;
  for (const id of await store.expiredPetitionIds(now, rules.meetingThreshold)) {
    const done = await store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(id);
        if (petition?.state !== "published" || !petition.signingEndsAt || petition.signingEndsAt > now) {
          return false;
        }
        if (petition.signatureCount >= rules.meetingThreshold) return false;
        await tx.updatePetition(id, { state: "closed", closedAt: now }, now);
        await tx.recordEvents([
          {
            type: "petition.closed",
            subject: `petition:${id}`,
            payload: {
              petitionId: id,
              authorId: petition.authorAccountId,
              closedAt: now.toISOString(),
              signatureCount: petition.signatureCount,
            },
          },
        ]);
        return true;
      },
      { petitionId: id },
    );
    if (done) closed++;
  }
  return closed;
}
