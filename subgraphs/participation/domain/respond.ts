// A person answers a consultation's questionnaire: one response per person, editable until the end. The answer is
// checked first (eligibility, then the answers against the questions), then recorded under a shared lock of the
// consultation, so that a concurrent close either waits for it or is seen by it: no response is counted after the
// close, none recorded before it is lost. The unique (consultation, account) index makes the count exact however
// many answer at once: a second first answer from the same person becomes AlreadyResponded.
import type { Caller } from "../../../platform/caller.ts";
import { newId } from "../../../platform/ids.ts";
import type { ParticipationStore } from "../ports/participationStore.ts";
import { ineligibilityMessage, ineligibilityReasons } from "./eligibility.ts";
import { consultationStatus, type ResponseRecord } from "./model.ts";

export type { ResponseRecord };

import { consultationNotFound, type Problem } from "./problems.ts";
import { type AnswerInput, checkAnswers } from "./questionnaire.ts";

export interface RespondInput {
  consultationId: string;
  answers: readonly AnswerInput[];
  quartierId?: string | null;
  /** true: replace the person's response (editResponse); false: a first response (respondToConsultation). */
  edit: boolean;
}

export async function respond(
  input: RespondInput,
  ctx: { store: ParticipationStore; caller: Caller; now: Date },
): Promise<{ response: ResponseRecord } | Problem> {
  const accountId = ctx.caller.accountId;
  return ctx.store.transaction(async (tx) => {
    const consultation = await tx.shareConsultation(input.consultationId);
    if (!consultation || consultation.publicationStartsAt > ctx.now) return consultationNotFound();
    const status = consultationStatus(consultation, ctx.now);
    if (status !== "open")
      return {
        problem: "ConsultationNotOpen",
        message:
          status === "upcoming"
            ? "La participation n'a pas encore commencé."
            : "La participation est close : les réponses ne sont plus acceptées ni modifiées.",
        status,
      };
    const quartierId = consultation.eligibility.quartierIds.length > 0 ? (input.quartierId ?? null) : null;
    const reasons = ineligibilityReasons(ctx.caller, consultation.eligibility, quartierId);
    if (reasons.length > 0 || !accountId)
      return { problem: "NotEligibleToParticipate", message: ineligibilityMessage(reasons), reasons };
    const questions = await tx.questionsOf(consultation.id);
    if (questions.length === 0)
      return { problem: "NoQuestionnaire", message: "Cette consultation n'a pas de questionnaire." };
    const answers = checkAnswers(questions, input.answers);
    if ("problem" in answers) return answers;
    if (input.edit) {
      const updated = await tx.replaceResponse(consultation.id, accountId, answers, quartierId, ctx.now);
      return updated
        ? { response: updated }
        : { problem: "NoResponseToEdit", message: "Vous n'avez pas encore répondu à cette consultation." };
    }
    const created = await tx.insertResponse({
      id: newId(),
      consultationId: consultation.id,
      accountId,
      answers,
      quartierId,
      revision: 1,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    return created
      ? { response: created }
      : {
          problem: "AlreadyResponded",
          message: "Vous avez déjà répondu : modifiez votre réponse plutôt que d'en déposer une autre.",
        };
  });
}
