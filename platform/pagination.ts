// Relay connections (design: `first` defaults to 20, at most 100; opaque cursors). Keyset pagination: a cursor
// holds the sort key of the last row, so pages stay stable while rows are added and cost the same at any depth.
import { z } from "zod";
import { badUserInput } from "./errors.ts";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const PageArgsSchema = z.object({
  first: z
    .number()
    .int()
    .min(0, "`first` doit être positif.")
    .max(MAX_PAGE_SIZE, `\`first\` ne peut dépasser ${MAX_PAGE_SIZE}.`)
    .nullish()
    .transform((value) => value ?? DEFAULT_PAGE_SIZE),
  after: z.string().max(512).nullish(),
});

export interface Page<Key> {
  first: number;
  after: Key | undefined;
}

/** Validates `first`/`after` and decodes the cursor with the given key schema. */
export function parsePage<Key>(args: unknown, keySchema: z.ZodType<Key>): Page<Key> {
  const parsed = PageArgsSchema.safeParse(args ?? {});
  if (!parsed.success) throw badUserInput(parsed.error.issues[0]?.message ?? "Pagination invalide.");
  const { first, after } = parsed.data;
  return { first, after: after ? decodeCursor(after, keySchema) : undefined };
}

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor<Key>(cursor: string, keySchema: z.ZodType<Key>): Key {
  try {
    return keySchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw badUserInput("Curseur de pagination invalide.", { argument: "after" });
  }
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

/** Builds a connection from up to `first + 1` rows fetched in order (the extra row tells whether more exist). */
export function toConnection<Node>(
  rows: Node[],
  first: number,
  keyOf: (node: Node) => unknown,
): Connection<Node> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
