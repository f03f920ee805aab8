// A consultation's questionnaire: the questions staff write (checked and turned into records), and the check of a
// person's answers against them — every malformed answer is a typed problem naming the question and the reason.
import { newId } from "../../../platform/ids.ts";
import { invalid, isProblem, type Problem } from "./problems.ts";
import { cleanText, lengthOf } from "./text.ts";
import { SHORT, text } from "./validate.ts";

export type QuestionKind =
  | "single_choice"
  | "multiple_choice"
  | "ranking"
  | "scale"
  | "short_text"
  | "long_text";
export const QUESTION_KINDS: readonly QuestionKind[] = [
  "single_choice",
  "multiple_choice",
  "ranking",
  "scale",
  "short_text",
  "long_text",
];
const CHOICE_KINDS: readonly QuestionKind[] = ["single_choice", "multiple_choice", "ranking"];
export const isTextKind = (kind: QuestionKind) => kind === "short_text" || kind === "long_text";

export const TEXT_LIMITS = { short_text: 200, long_text: 5_000 } as const;
export const MAX_QUESTIONS = 50;
const MAX_OPTIONS = 30;

export interface QuestionOption {
  id: string;
  label: string;
}

export interface Condition {
  questionId: string;
  optionIds: string[];
}

export interface QuestionRecord {
  id: string;
  consultationId: string;
  position: number;
  kind: QuestionKind;
  label: string;
  help: string;
  required: boolean;
  options: QuestionOption[];
  maxChoices: number | null;
  scaleMin: number | null;
  scaleMax: number | null;
  showIf: Condition | null;
}

export interface QuestionInput {
  kind: QuestionKind;
  label: string;
  help?: string | null;
  required?: boolean | null;
  options?: string[] | null;
  maxChoices?: number | null;
  scaleMin?: number | null;
  scaleMax?: number | null;
  /** Shown only when the earlier question at `questionIndex` was answered with one of these options (by index). */
  showIf?: { questionIndex: number; optionIndexes: number[] } | null;
}

/** Option ids are their rank in the list, as text ("1", "2", …): stable, since a questionnaire never changes once open. */
function questionOf(
  input: QuestionInput,
  consultationId: string,
  position: number,
  earlier: readonly QuestionRecord[],
) {
  const field = `questionnaire[${position}]`;
  const label = text(`${field}.label`, input.label, { min: 1, max: 500, multiline: true });
  if (isProblem(label)) return label;
  const help = text(`${field}.help`, input.help ?? "", { min: 0, max: 2_000, multiline: true });
  if (isProblem(help)) return help;
  const choices = CHOICE_KINDS.includes(input.kind);
  const options: QuestionOption[] = [];
  for (const [index, option] of (choices ? (input.options ?? []) : []).entries()) {
    const optionLabel = text(`${field}.options[${index}]`, option, SHORT);
    if (isProblem(optionLabel)) return optionLabel;
    options.push({ id: String(index + 1), label: optionLabel });
  }
  if (choices && (options.length < 2 || options.length > MAX_OPTIONS))
    return invalid(`${field}.options`, `De 2 à ${MAX_OPTIONS} options.`);
  if (!choices && (input.options?.length ?? 0) > 0)
    return invalid(`${field}.options`, "Seules les questions à choix ont des options.");
  let maxChoices: number | null = null;
  if (input.kind === "multiple_choice") {
    maxChoices = input.maxChoices ?? options.length;
    if (!Number.isInteger(maxChoices) || maxChoices < 1 || maxChoices > options.length)
      return invalid(`${field}.maxChoices`, "Le maximum de choix va de 1 au nombre d'options.");
  } else if (input.maxChoices !== null && input.maxChoices !== undefined)
    return invalid(`${field}.maxChoices`, "Seules les questions à choix multiples ont un maximum.");
  let scaleMin: number | null = null;
  let scaleMax: number | null = null;
  if (input.kind === "scale") {
    scaleMin = input.scaleMin ?? 1;
    scaleMax = input.scaleMax ?? 5;
    if (scaleMin < 0 || scaleMax > 10 || scaleMax - scaleMin < 1)
      return invalid(`${field}.scaleMax`, "Une échelle va de 0 à 10 et compte au moins deux valeurs.");
  }
  let showIf: Condition | null = null;
  if (input.showIf) {
    const target = earlier[input.showIf.questionIndex];
    if (!target || !CHOICE_KINDS.includes(target.kind) || target.kind === "ranking")
      return invalid(`${field}.showIf`, "La condition porte sur une question à choix placée avant celle-ci.");
    const optionIds = input.showIf.optionIndexes.map((index) => target.options[index]?.id);
    if (optionIds.length === 0 || optionIds.some((id) => id === undefined))
      return invalid(`${field}.showIf`, "La condition nomme des options de cette question.");
    showIf = { questionId: target.id, optionIds: optionIds as string[] };
  }
  return {
    id: newId(),
    consultationId,
    position,
    kind: input.kind,
    label,
    help,
    required: input.required ?? true,
    options,
    maxChoices,
    scaleMin,
    scaleMax,
    showIf,
  } satisfies QuestionRecord;
}

export function buildQuestionnaire(
  inputs: readonly QuestionInput[],
  consultationId: string,
): QuestionRecord[] | Problem {
  if (inputs.length > MAX_QUESTIONS) return invalid("questionnaire", `Au plus ${MAX_QUESTIONS} questions.`);
  const questions: QuestionRecord[] = [];
  for (const [position, input] of inputs.entries()) {
    const question = questionOf(input, consultationId, position, questions);
    if (isProblem(question)) return question;
    questions.push(question);
  }
  return questions;
}

// ---- Answers ----------------------------------------------------------------------------------------------------

export interface AnswerInput {
  questionId: string;
  optionIds?: string[] | null;
  value?: number | null;
  text?: string | null;
}

/** A stored answer: exactly the fields its question's kind uses. */
export interface Answer {
  questionId: string;
  optionIds?: string[];
  value?: number;
  text?: string;
}

export type AnswerProblemReason =
  | "unknown_question"
  | "duplicate_answer"
  | "required"
  | "not_shown"
  | "wrong_kind"
  | "unknown_option"
  | "too_many_choices"
  | "incomplete_ranking"
  | "out_of_scale"
  | "text_too_long";

const REASON_MESSAGES: Record<AnswerProblemReason, string> = {
  unknown_question: "Cette question n'existe pas dans ce questionnaire.",
  duplicate_answer: "Une question ne reçoit qu'une réponse.",
  required: "Cette question demande une réponse.",
  not_shown: "Cette question n'est pas posée compte tenu de vos réponses précédentes.",
  wrong_kind: "La forme de la réponse ne correspond pas à la question.",
  unknown_option: "Une option choisie n'existe pas.",
  too_many_choices: "Trop d'options choisies.",
  incomplete_ranking: "Le classement doit ordonner chaque option une fois.",
  out_of_scale: "La valeur sort de l'échelle.",
  text_too_long: "La réponse est trop longue.",
};

export interface AnswerProblem extends Problem {
  problem: "InvalidAnswer";
  questionId: string;
  reason: AnswerProblemReason;
}

const answerProblem = (questionId: string, reason: AnswerProblemReason): AnswerProblem => ({
  problem: "InvalidAnswer",
  message: REASON_MESSAGES[reason],
  questionId,
  reason,
});

/** Whether a question is asked given the answers to the earlier ones. */
export function isShown(question: QuestionRecord, answers: ReadonlyMap<string, Answer>): boolean {
  if (!question.showIf) return true;
  const chosen = answers.get(question.showIf.questionId)?.optionIds ?? [];
  return chosen.some((id) => question.showIf?.optionIds.includes(id));
}

function checkOne(question: QuestionRecord, input: AnswerInput): Answer | AnswerProblem {
  const id = question.id;
  const optionIds = input.optionIds ?? null;
  const hasText = input.text !== null && input.text !== undefined;
  const hasValue = input.value !== null && input.value !== undefined;
  if (CHOICE_KINDS.includes(question.kind)) {
    if (!optionIds || hasText || hasValue) return answerProblem(id, "wrong_kind");
    const known = new Set(question.options.map((option) => option.id));
    if (optionIds.some((option) => !known.has(option))) return answerProblem(id, "unknown_option");
    if (new Set(optionIds).size !== optionIds.length) return answerProblem(id, "duplicate_answer");
    if (question.kind === "single_choice" && optionIds.length !== 1) return answerProblem(id, "wrong_kind");
    if (question.kind === "multiple_choice") {
      if (optionIds.length === 0) return answerProblem(id, "required");
      if (optionIds.length > (question.maxChoices ?? question.options.length))
        return answerProblem(id, "too_many_choices");
    }
    if (question.kind === "ranking" && optionIds.length !== question.options.length)
      return answerProblem(id, "incomplete_ranking");
    return { questionId: id, optionIds: [...optionIds] };
  }
  if (question.kind === "scale") {
    if (!hasValue || optionIds || hasText) return answerProblem(id, "wrong_kind");
    const value = input.value as number;
    if (!Number.isInteger(value) || value < (question.scaleMin ?? 0) || value > (question.scaleMax ?? 10))
      return answerProblem(id, "out_of_scale");
    return { questionId: id, value };
  }
  if (!hasText || optionIds || hasValue) return answerProblem(id, "wrong_kind");
  const cleaned = cleanText(input.text as string, { multiline: question.kind === "long_text" });
  if (lengthOf(cleaned) > TEXT_LIMITS[question.kind as "short_text" | "long_text"])
    return answerProblem(id, "text_too_long");
  return { questionId: id, text: cleaned };
}

/**
 * The answers as stored, in the questionnaire's order, or the first problem: unknown or repeated questions, a
 * required question left unanswered (blank text counts as unanswered), an answer to a question its conditions
 * hide, or an answer of the wrong shape. Optional questions left out, or answered blank, are simply absent.
 */
export function checkAnswers(
  questions: readonly QuestionRecord[],
  inputs: readonly AnswerInput[],
): Answer[] | AnswerProblem {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const given = new Map<string, AnswerInput>();
  for (const input of inputs) {
    if (!byId.has(input.questionId)) return answerProblem(input.questionId.slice(0, 100), "unknown_question");
    if (given.has(input.questionId)) return answerProblem(input.questionId, "duplicate_answer");
    given.set(input.questionId, input);
  }
  const answers = new Map<string, Answer>();
  for (const question of questions) {
    const input = given.get(question.id);
    const shown = isShown(question, answers);
    if (!shown) {
      if (input) return answerProblem(question.id, "not_shown");
      continue;
    }
    if (!input) {
      if (question.required) return answerProblem(question.id, "required");
      continue;
    }
    const answer = checkOne(question, input);
    if ("problem" in answer) return answer;
    if (answer.text !== undefined && answer.text === "") {
      if (question.required) return answerProblem(question.id, "required");
      continue;
    }
    answers.set(question.id, answer);
  }
  return [...answers.values()];
}
