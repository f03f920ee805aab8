// One span per SQL statement (semantic conventions for databases): named `{operation} {table}`, with the statement's
// text — never its parameters, and with every literal elided, so that a statement written with a value inline
// (a seed, a migration, a raw query) cannot put a person's data into a trace.
import { SpanKind, tracingEnabled, withSpan } from "./tracing.ts";

const STRING_LITERAL = /(?:\b[EeUu]&?)?'(?:[^']|'')*'/g;
const DOLLAR_QUOTED = /\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g;
/** Numbers that stand alone (not $1 placeholders, not digits inside identifiers). */
const NUMBER_LITERAL = /(?<![\w$."])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b/g;
const MAX_QUERY_TEXT = 2_000;

/** The statement with its literals replaced by `?` (placeholders $1… stay: they name parameters, not values). */
export function withoutLiterals(sql: string): string {
  const text = sql
    .replace(DOLLAR_QUOTED, "?")
    .replace(STRING_LITERAL, "?")
    .replace(NUMBER_LITERAL, "?")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > MAX_QUERY_TEXT ? `${text.slice(0, MAX_QUERY_TEXT)}…` : text;
}

const OPERATION =
  /^\s*(?:WITH\b[\s\S]*?\)\s*)?(SELECT|INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|SET|BEGIN|COMMIT|ROLLBACK|[A-Za-z]+)/i;
const TABLE =
  /\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+((?:"[^"]+"|[A-Za-z_][\w]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w]*))?)/i;

/** `SELECT petitions.petition`: the operation and the first table named (db.query.summary's spirit). */
export function sqlSummary(sql: string): { operation: string; table?: string; summary: string } {
  const operation = (OPERATION.exec(sql)?.[1] ?? "SQL").toUpperCase();
  const table = TABLE.exec(sql)?.[1]?.replaceAll('"', "");
  return { operation, ...(table ? { table } : {}), summary: table ? `${operation} ${table}` : operation };
}

/** Runs one statement inside its span (child of the active one). Off: just run(). */
export function withSqlSpan<T>(system: "postgresql", sql: string, run: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return run();
  const { operation, table, summary } = sqlSummary(sql);
  return withSpan(
    summary,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        "db.system.name": system,
        "db.operation.name": operation,
        ...(table ? { "db.collection.name": table } : {}),
        "db.query.summary": summary,
        "db.query.text": withoutLiterals(sql),
      },
    },
    run,
  );
}
