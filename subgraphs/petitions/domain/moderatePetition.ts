// Moderators take a submitted petition into moderation, then publish it (it opens for signatures for the
// configured period, now or at a scheduled date) or reject it with a reason the authors receive.
import type { CommandContext } from "./context.ts";
import { Abort, invalidText, notFound, type Outcome, stateConflict } from "./results.ts";
import { DAY_MS } from "./rules.ts";
import { canTransition } from "./status.ts";
import { checkText, cleanText } from "./text.ts";

async function run(fn: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    throw error;
  }
}

export function startModeration(ctx: CommandContext, petitionId: string): Promise<Outcome> {
  return run(() =>
    ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        if (petition.state !== "submitted")
          throw new Abort(stateConflict(petition.state, "prendre en modération"));
        const updated = await tx.updatePetition(
          petitionId,
          { state: "in_moderation", moderationStartedAt: ctx.now, moderatorAccountId: ctx.caller.accountId },
          ctx.now,
        );
        return { kind: "moderation_started", petition: updated };
      },
      { petitionId: petitionId },
    ),
  );
}

export function publishPetition(
  ctx: CommandContext,
  petitionId: string,
  requestedStart: Date | null,
): Promise<Outcome> {
  return run(() =>
    ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        if (!canTransition(petition.state, "published") || petition.state === "published") {
          throw new Abort(stateConflict(petition.state, "publier"));
        }
        // A start in the past means now; beyond the scheduling horizon is the moderator's input error (resolver).
        const startsAt = requestedStart && requestedStart > ctx.now ? requestedStart : ctx.now;
        const endsAt = new Date(startsAt.getTime() + ctx.rules.signingDays * DAY_MS);
        const updated = await tx.updatePetition(
          petitionId,
          {
            state: "published",
            publishedAt: ctx.now,
            listedAt: ctx.now,
            signingStartsAt: startsAt,
            signingEndsAt: endsAt,
            moderatorAccountId: petition.moderatorAccountId ?? ctx.caller.accountId,
            moderationStartedAt: petition.moderationStartedAt ?? ctx.now,
          },
          ctx.now,
        );
        await tx.recordEvents([
          {
            type: "petition.published",
            subject: `petition:${petitionId}`,
            payload: {
              petitionId,
              authorId: petition.authorAccountId,
              signingStartsAt: startsAt.toISOString(),
              signingEndsAt: endsAt.toISOString(),
            },
          },
        ]);
        return { kind: "published", petition: updated };
      },
      { petitionId: petitionId },
    ),
  );
}

export function rejectPetition(ctx: CommandContext, petitionId: string, rawReason: string): Promise<Outcome> {
  const reason = cleanText(rawReason, { multiline: true });
  const problem = checkText(reason, ctx.rules.text.reason);
  return run(() =>
    ctx.store.transaction(
      async (tx) => {
        const petition = await tx.lockPetition(petitionId);
        if (!petition) throw new Abort(notFound());
        if (!canTransition(petition.state, "rejected"))
          throw new Abort(stateConflict(petition.state, "refuser"));
        if (problem) throw new Abort(invalidText("reason", problem, ctx.rules.text.reason));
        const updated = await tx.updatePetition(
          petitionId,
          {
            state: "rejected",
            rejectionReason: reason,
            rejectedAt: ctx.now,
            moderatorAccountId: petition.moderatorAccountId ?? ctx.caller.accountId,
            moderationStartedAt: petition.moderationStartedAt ?? ctx.now,
          },
          ctx.now,
        );
        await tx.recordEvents([
          {
            type: "petition.rejected",
            subject: `petition:${petitionId}`,
            payload: { petitionId, authorId: petition.authorAccountId, rejectedAt: ctx.now.toISOString() },
          },
        ]);
        return { kind: "rejected", petition: updated };
      },
      { petitionId: petitionId },
    ),
  );
}
