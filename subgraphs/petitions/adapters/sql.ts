// How the petitions' SQL stores run a statement: positional parameters, dates as ISO text.
import type { SqlRunner } from "../../../platform/db/database.ts";
import type { Row } from "./rows.ts";

/** Dates travel as ISO text (cast in SQL): identical on pg and PGlite whatever the session time zone. */
const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** A row as JSON-ready values: dates as ISO text (pg and PGlite may return either), the rest as read. */
export function plain(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}

export function query<T = Row>(sql: SqlRunner, text: string, ...values: unknown[]): Promise<T[]> {
  return sql.query<T>(text, values.map(param));
}
