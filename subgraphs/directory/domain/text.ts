// Texts from the city's systems: Strasbourg.eu publishes HTML fragments and localised values; Parvis stores plain
// text (escaped by whoever renders it) in French, and compares names without accents, case or punctuation.

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  eacute: "é",
  egrave: "è",
  ecirc: "ê",
  agrave: "à",
  acirc: "â",
  ccedil: "ç",
  ocirc: "ô",
  ucirc: "û",
  ugrave: "ù",
  icirc: "î",
  iuml: "ï",
  euml: "ë",
  rsquo: "’",
  lsquo: "‘",
  laquo: "«",
  raquo: "»",
  hellip: "…",
  euro: "€",
  oelig: "œ",
};

/** HTML fragment → plain text: block ends become line breaks, tags go, entities are decoded, spaces squeezed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, "")
    .replace(/<\s*br\s*\/?>/gi, "\n")
    .replace(/<\s*\/\s*(p|div|li|h[1-6])\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity.startsWith("#x") || entity.startsWith("#X"))
        return safeCodePoint(Number.parseInt(entity.slice(2), 16), whole);
      if (entity.startsWith("#")) return safeCodePoint(Number.parseInt(entity.slice(1), 10), whole);
      return ENTITIES[entity.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

export type Localized = Record<string, string | null | undefined>;

/** The French value of a localised field, else the first non-empty one; null when there is none. */
export function french(value: Localized | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() || null;
  const preferred = value.fr_FR ?? value.fr;
  if (typeof preferred === "string" && preferred.trim()) return preferred.trim();
  for (const candidate of Object.values(value))
    if (typeof candidate === "string" && candidate.trim()) return candidate.trim();
  return null;
}

/** French value of a localised HTML field, as plain text. */
export function frenchText(value: Localized | string | null | undefined): string | null {
  const html = french(value);
  if (html === null) return null;
  return htmlToText(html) || null;
}

/** For comparisons: no accents, no case, letters and digits only ("NEUDORF - Port du Rhin" → "neudorfportdurhin"). */
export function normalizeName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/œ/gi, "oe")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** A URL-friendly identifier: "Centre socioculturel du Neudorf" → "centre-socioculturel-du-neudorf". */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/œ/gi, "oe")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}
