// The aggregated results of a questionnaire, from every stored response (pseudonymised ones included: erasure
// keeps the counts): counts per option for choices, rank scores for rankings (Borda: first of n options scores n,
// last scores 1), the distribution and mean of scales, and for texts the number of answers and those moderators
// made visible — without who wrote them, in a fixed order that says nothing of when they were written.
import type { Answer, QuestionRecord } from "./questionnaire.ts";

export interface OptionResult {
  optionId: string;
  label: string;
  count: number;
  /** Rankings: the option's Borda score and its mean rank (1 = first). */
  score: number | null;
  meanRank: number | null;
}

export interface QuestionResult {
  questionId: string;
  label: string;
  kind: QuestionRecord["kind"];
  /** People who answered this question. */
  answered: number;
  options: OptionResult[];
  /** Scales: how many gave each value, from scaleMin to scaleMax. */
  distribution: { value: number; count: number }[];
  mean: number | null;
  /** Texts made visible by moderation, anonymised (sorted). */
  texts: string[];
}

export interface Results {
  responseCount: number;
  questions: QuestionResult[];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function aggregate(
  questions: readonly QuestionRecord[],
  responses: readonly { answers: readonly Answer[] }[],
  /** Text answers made visible by moderation, per question id. */
  visibleTexts: ReadonlyMap<string, readonly string[]>,
): Results {
  const byQuestion = new Map<string, Answer[]>(questions.map((question) => [question.id, []]));
  for (const response of responses)
    for (const answer of response.answers) byQuestion.get(answer.questionId)?.push(answer);
  return {
    responseCount: responses.length,
    questions: questions.map((question) => {
      const answers = byQuestion.get(question.id) ?? [];
      const n = question.options.length;
      const options = question.options.map((option) => {
        const positions = answers
          .map((answer) => answer.optionIds?.indexOf(option.id) ?? -1)
          .filter((index) => index >= 0);
        const ranking = question.kind === "ranking";
        return {
          optionId: option.id,
          label: option.label,
          count: positions.length,
          score: ranking ? positions.reduce((sum, index) => sum + (n - index), 0) : null,
          meanRank:
            ranking && positions.length > 0
              ? round(positions.reduce((sum, index) => sum + index + 1, 0) / positions.length)
              : null,
        };
      });
      const values = answers.map((answer) => answer.value).filter((value) => value !== undefined);
      const distribution =
        question.kind === "scale"
          ? Array.from({ length: (question.scaleMax ?? 0) - (question.scaleMin ?? 0) + 1 }, (_, index) => {
              const value = (question.scaleMin ?? 0) + index;
              return { value, count: values.filter((given) => given === value).length };
            })
          : [];
      return {
        questionId: question.id,
        label: question.label,
        kind: question.kind,
        answered: answers.length,
        options,
        distribution,
        mean: values.length > 0 ? round(values.reduce((sum, value) => sum + value, 0) / values.length) : null,
        texts: [...(visibleTexts.get(question.id) ?? [])].sort((a, b) => a.localeCompare(b, "fr")),
      };
    }),
  };
}
