// Moderators decide which free-text answers the published results list (anonymised): visible or not. Decisions
// can change until the results are published; then the published list is frozen with them.
import type { CommandContext } from "./context.ts";
import type { TextDecision } from "./model.ts";
import { consultationNotFound, invalid, type Problem } from "./problems.ts";

export type { TextDecision };

export async function reviewTexts(
  consultationId: string,
  decisions: readonly TextDecision[],
  ctx: CommandContext,
): Promise<{ reviewed: number } | Problem> {
  if (decisions.length > 500) return invalid("decisions", "Au plus 500 décisions à la fois.");
  return ctx.store.transaction(async (tx) => {
    const consultation = await tx.lockConsultation(consultationId);
    if (!consultation) return consultationNotFound();
    if (consultation.resultsPublishedAt)
      return {
        problem: "ConsultationNotOpen",
        message: "Les résultats sont publiés : la modération des réponses est close.",
        status: "results_published",
      };
    const reviewed = await tx.reviewTexts(consultationId, decisions, ctx.caller.accountId, ctx.now);
    return { reviewed };
  });
}
