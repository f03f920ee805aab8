// Support or not a consultation: one reaction per person (a new one replaces it, null withdraws it), while the
// consultation is published and its results are not.
import type { CommandContext } from "./context.ts";
import { consultationStatus, isPublished, type ReactionKind } from "./model.ts";
import { consultationNotFound, type Problem } from "./problems.ts";

export type { ReactionKind };

export async function react(
  consultationId: string,
  kind: ReactionKind | null,
  ctx: CommandContext,
): Promise<{ consultationId: string; reaction: ReactionKind | null } | Problem> {
  const accountId = ctx.caller.accountId;
  if (!accountId || (ctx.caller.kind !== "citizen" && ctx.caller.kind !== "staff"))
    return {
      problem: "NotEligibleToParticipate",
      message: "Participation impossible : seul un compte personnel peut réagir.",
      reasons: ["not_a_person"],
    };
  return ctx.store.transaction(async (tx) => {
    const consultation = await tx.shareConsultation(consultationId);
    if (!consultation || !isPublished(consultation, ctx.now)) return consultationNotFound();
    const status = consultationStatus(consultation, ctx.now);
    if (status === "results_published")
      return {
        problem: "ConsultationNotOpen",
        message: "Les résultats sont publiés : les réactions sont closes.",
        status,
      };
    await tx.setReaction(consultationId, accountId, kind, ctx.now);
    return { consultationId, reaction: kind };
  });
}
