// GraphQL enum values (upper case) ↔ stored values (lower case). Apollo maps them both ways with these resolvers.
import { INELIGIBILITY_REASONS } from "../domain/eligibility.ts";
import { CONSULTATION_KINDS, LINK_KINDS } from "../domain/model.ts";
import { QUESTION_KINDS } from "../domain/questionnaire.ts";

const upperCased = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<Uppercase<T>, T>;

export const enumResolvers = {
  ProjectLinkKind: upperCased(LINK_KINDS),
  ConsultationKind: upperCased(CONSULTATION_KINDS),
  ConsultationStatus: upperCased(["upcoming", "open", "closed", "results_published"] as const),
  ProjectStepStatus: upperCased(["past", "current", "upcoming"] as const),
  QuestionKind: upperCased(QUESTION_KINDS),
  ConsultationReactionKind: upperCased(["support", "oppose"] as const),
  ParticipationIneligibilityReason: upperCased(INELIGIBILITY_REASONS),
  InvalidAnswerReason: upperCased([
    "unknown_question",
    "duplicate_answer",
    "required",
    "not_shown",
    "wrong_kind",
    "unknown_option",
    "too_many_choices",
    "incomplete_ranking",
    "out_of_scale",
    "text_too_long",
  ] as const),
};
