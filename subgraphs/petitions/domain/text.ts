// Texts are plain text: the platform's rules (platform/text.ts: normalised, invisible characters removed, measured
// in characters, escaped when rendered as HTML), checked against the petitions' limits.
import { lengthOf } from "../../../platform/text.ts";
import type { TextLimits } from "./rules.ts";

export { cleanText, escapeHtml, lengthOf, toHtml } from "../../../platform/text.ts";

export type TextProblem = "empty" | "too_short" | "too_long";

export function checkText(text: string, limits: TextLimits): TextProblem | null {
  const length = lengthOf(text);
  if (length === 0) return "empty";
  if (length < limits.min) return "too_short";
  if (length > limits.max) return "too_long";
  return null;
}
