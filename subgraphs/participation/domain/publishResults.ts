// Staff publish the results of a closed consultation with a synthesis and the city's answer. The results are
// computed from the stored responses at that moment and frozen with the publication (later erasures pseudonymise
// responses but never change published counts); followers are told.
import type { CommandContext } from "./context.ts";
import { resultsPublished } from "./events.ts";
import { type ConsultationRecord, consultationStatus } from "./model.ts";
import { consultationNotFound, isProblem, type Problem } from "./problems.ts";
import { aggregate, type Results } from "./results.ts";
import { SUMMARY, text } from "./validate.ts";

const SYNTHESIS = { ...SUMMARY, max: 20_000 };

export async function publishResults(
  input: { consultationId: string; synthesis: string; cityAnswer: string },
  ctx: CommandContext,
): Promise<{ consultation: ConsultationRecord; results: Results } | Problem> {
  const synthesis = text("synthesis", input.synthesis, SYNTHESIS);
  if (isProblem(synthesis)) return synthesis;
  const cityAnswer = text("cityAnswer", input.cityAnswer, SYNTHESIS);
  if (isProblem(cityAnswer)) return cityAnswer;
  return ctx.store.transaction(async (tx) => {
    const consultation = await tx.lockConsultation(input.consultationId);
    if (!consultation) return consultationNotFound();
    const status = consultationStatus(consultation, ctx.now);
    if (status !== "closed")
      return {
        problem: "ConsultationNotClosed",
        message:
          status === "results_published"
            ? "Les résultats sont déjà publiés."
            : "Les résultats se publient une fois la consultation close.",
        status,
      };
    const results = aggregate(
      await tx.questionsOf(consultation.id),
      await tx.answersOf(consultation.id),
      await tx.visibleTextsOf(consultation.id),
    );
    const published = {
      ...consultation,
      closedAt: consultation.closedAt ?? consultation.participationEndsAt,
      resultsPublishedAt: ctx.now,
      synthesis,
      cityAnswer,
    };
    await tx.markResultsPublished(published, results);
    await tx.recordEvents([resultsPublished(published)]);
    return { consultation: published, results };
  });
}
