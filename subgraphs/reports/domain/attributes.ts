// Validation of the answers to a category's extra questions (GeoReport v2 service definitions): required answers
// present, list answers among the options, numbers and ISO 8601 datetimes well formed, one value unless the list
// is multi-valued. Returns normalised values or one problem per attribute — never a partial result.
import type { AttributeDefinition, AttributeValues } from "./model.ts";

export interface AttributeProblem {
  code: string;
  message: string;
}

export type AttributeCheck =
  | { ok: true; values: AttributeValues }
  | { ok: false; problems: AttributeProblem[] };

/** Bounds of one answer; the whole description has its own limit. */
export const MAX_STRING_CHARS = 200;
export const MAX_TEXT_CHARS = 2_000;

// ISO 8601 / W3C-DTF date-time with an explicit offset (as Open311 requires of every datetime).
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/;

const charCount = (value: string) => [...value].length;

export function checkAttributes(
  definitions: readonly AttributeDefinition[],
  given: readonly { code: string; values: readonly string[] }[],
): AttributeCheck {
  const problems: AttributeProblem[] = [];
  const byCode = new Map(definitions.map((definition) => [definition.code, definition]));
  const answers = new Map<string, string[]>();

  for (const answer of given) {
    const definition = byCode.get(answer.code);
    if (!definition?.variable) {
      problems.push({
        code: answer.code,
        message: `La question « ${answer.code} » n'existe pas pour cette catégorie.`,
      });
      continue;
    }
    if (answers.has(answer.code)) {
      problems.push({ code: answer.code, message: "Cette question a reçu plusieurs réponses séparées." });
      continue;
    }
    // Empty strings are "not answered" (HTML forms send them for untouched fields).
    answers.set(
      answer.code,
      answer.values.map((value) => value.trim()).filter((value) => value !== ""),
    );
  }

  const values: AttributeValues = {};
  for (const definition of definitions) {
    if (!definition.variable) continue;
    const answer = answers.get(definition.code) ?? [];
    if (answer.length === 0) {
      if (definition.required) {
        problems.push({ code: definition.code, message: `Réponse obligatoire : ${definition.description}` });
      }
      continue;
    }
    const problem = checkOne(definition, answer);
    if (problem) problems.push({ code: definition.code, message: problem });
    else values[definition.code] = normalise(definition, answer);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

function checkOne(definition: AttributeDefinition, answer: string[]): string | undefined {
  if (definition.datatype !== "multivaluelist" && answer.length > 1) return "Une seule valeur est attendue.";
  const [value = ""] = answer;
  switch (definition.datatype) {
    case "string":
      if (/[\r\n]/.test(value)) return "Le texte doit tenir sur une ligne.";
      return charCount(value) > MAX_STRING_CHARS ? `${MAX_STRING_CHARS} caractères au plus.` : undefined;
    case "text":
      return charCount(value) > MAX_TEXT_CHARS ? `${MAX_TEXT_CHARS} caractères au plus.` : undefined;
    case "number":
      return NUMBER.test(value) ? undefined : "Un nombre est attendu (par exemple 1.5).";
    case "datetime":
      return ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : "Une date et heure ISO 8601 avec fuseau est attendue (par exemple 2026-11-28T09:30:00+01:00).";
    case "singlevaluelist":
    case "multivaluelist": {
      const keys = new Set(definition.options.map((option) => option.key));
      const unknown = answer.filter((key) => !keys.has(key));
      if (unknown.length > 0) return `Choix inconnu : ${unknown.join(", ")}.`;
      return new Set(answer).size === answer.length ? undefined : "Un même choix est donné deux fois.";
    }
  }
}

function normalise(definition: AttributeDefinition, answer: string[]): string[] {
  if (definition.datatype === "number") return answer.map((value) => String(Number(value.replace(",", "."))));
  return answer;
}

/** Labels of values, for display: list keys become option names. */
export function labelsOf(definition: AttributeDefinition | undefined, values: readonly string[]): string[] {
  if (!definition) return [...values];
  const names = new Map(definition.options.map((option) => [option.key, option.name]));
  return values.map((value) => names.get(value) ?? value);
}
