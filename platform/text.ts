// Citizens' texts (petitions, comments) are plain text (design: "Texts are stored as plain text and escaped by
// whoever renders them"). Input is normalised (Unicode NFC, line endings, invisible control and
// bidirectional-override characters removed, outer whitespace trimmed) and measured in characters; markup is kept as
// typed, never interpreted, and escaped when the API offers an HTML rendering.

// C0/C1 controls except tab and line feed; bidi overrides/isolates (U+202A–U+202E, U+2066–U+2069) that can make
// a text display differently from what it says; the BOM.
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

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

/** Escaped HTML: blank lines separate paragraphs, single line breaks become <br>. */
export function toHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
