// Comment texts follow the platform's text rules (platform/text.ts, as petitions): plain text, normalised, invisible
// characters removed, measured in characters, escaped only when rendered as HTML.
import { cleanText, lengthOf } from "../../../platform/text.ts";

export type TextProblem = "empty" | "too_long";

export interface InvalidText {
  kind: "invalid_text";
  field: string;
  reason: TextProblem;
  max: number;
}

/** The cleaned text, or why it is refused. */
export function checkedText(
  field: string,
  input: string,
  max: number,
  options: { multiline: boolean } = { multiline: true },
): { text: string } | InvalidText {
  // Measured before cleaning too: a megabyte of spaces is refused as too long, not cleaned down to nothing.
  if (input.length > max * 4) return { kind: "invalid_text", field, reason: "too_long", max };
  const text = cleanText(input, options);
  const length = lengthOf(text);
  if (length === 0) return { kind: "invalid_text", field, reason: "empty", max };
  if (length > max) return { kind: "invalid_text", field, reason: "too_long", max };
  return { text };
}
