// The one place where a person's search text becomes a LIKE pattern. Prisma's `contains` passes the text into
// `ILIKE '%' || $1 || '%'` unescaped, so `%` or `_` typed by a caller would match everything; every search escapes
// them here (PostgreSQL's default LIKE escape character is the backslash, on PGlite and the server alike).

/** The text with LIKE's wildcards and escape character escaped, to match literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** LIKE pattern matching the text anywhere, for raw SQL (`column ILIKE $n`). */
export const likePattern = (text: string) => `%${escapeLike(text)}%`;

/** Prisma filter: the column contains the text, case-insensitively, wildcards taken literally. */
export const containsText = (text: string) => ({ contains: escapeLike(text), mode: "insensitive" as const });
