// Texts are plain text (design: stored as typed, escaped by whoever renders them). Input is normalised (Unicode
// NFC, line endings, invisible control and bidirectional-override characters removed, outer whitespace trimmed)
// and measured in characters, as petitions do.

// C0/C1 controls except tab and line feed; bidi overrides/isolates; the BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

export function cleanText(input: string, options: { multiline: boolean }): string {
  let text = input.normalize("NFC").replace(/\r\n?/g, "\n").replace(INVISIBLE, "");
  if (options.multiline) {
    text = text
      .split("\n")
      .map((line) => line.replace(/[ \t]+$/g, ""))
      .join("\n")
      .replace(/\n{3,}/g, "\n\n");
  } else {
    text = text.replace(/\s+/g, " ");
  }
  return text.trim();
}

/** Length in characters (code points), as a person counts them. */
export function lengthOf(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
