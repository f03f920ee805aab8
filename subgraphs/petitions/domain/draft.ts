// The content of a draft (creation and edition): cleaned texts within the configured limits, a known quartier,
// and a committee of invited co-authors within the configured size (the author is not their own co-author).
import type { QuartierDirectory } from "./context.ts";
import type { Theme } from "./model.ts";
import { committeeSize, invalidText, type Outcome } from "./results.ts";
import type { PetitionRules } from "./rules.ts";
import { checkText, cleanText } from "./text.ts";

export interface DraftInput {
  title: string;
  body: string;
  theme: Theme;
  quartierId: string | null;
  coAuthorIds: readonly string[];
}

export type CheckedDraft = DraftInput;

export async function checkDraft(
  input: DraftInput,
  authorId: string,
  rules: PetitionRules,
  quartiers: QuartierDirectory,
): Promise<{ draft: CheckedDraft } | { problem: Outcome }> {
  const title = cleanText(input.title, { multiline: false });
  const titleProblem = checkText(title, rules.text.title);
  if (titleProblem) return { problem: invalidText("title", titleProblem, rules.text.title) };
  const body = cleanText(input.body, { multiline: true });
  const bodyProblem = checkText(body, rules.text.body);
  if (bodyProblem) return { problem: invalidText("body", bodyProblem, rules.text.body) };
  const coAuthorIds = [...new Set(input.coAuthorIds)].filter((id) => id !== authorId);
  if (coAuthorIds.length > rules.maxCoAuthors) {
    return { problem: committeeSize(coAuthorIds.length, rules.minCoAuthors, rules.maxCoAuthors) };
  }
  if (input.quartierId !== null && !(await quartiers.exists(input.quartierId))) {
    return {
      problem: {
        kind: "unknown_quartier",
        message: "Ce quartier n'existe pas.",
        quartierId: input.quartierId,
      },
    };
  }
  return { draft: { title, body, theme: input.theme, quartierId: input.quartierId, coAuthorIds } };
}
