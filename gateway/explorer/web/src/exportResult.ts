// Export of an investigation's result, in the browser, from the response already on screen (no second request, so
// nothing more is read — or audited — than what the agent saw). CSV: one row per node of the first list in the
// result (a Relay connection's edges[].node, or any list), nested objects flattened into dotted columns, lists of
// scalars joined with " | ", lists of objects (a status history) kept as JSON in their cell. Semicolon-separated
// with a UTF-8 byte order mark, which is what French spreadsheet software opens correctly.

type Json = unknown;

/** The rows of a result: the nodes of its first connection or list, found depth-first; else the data itself. */
export function rowsOf(data: Json): Record<string, Json>[] {
  const found = findList(data);
  if (found) return found.map((item) => (isObject(item) ? item : { value: item }));
  return isObject(data) ? [data] : [];
}

function findList(value: Json): Json[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.edges))
    return value.edges.map((edge) => (isObject(edge) && "node" in edge ? edge.node : edge));
  for (const child of Object.values(value)) {
    const list = findList(child);
    if (list) return list;
  }
  return undefined;
}

/** One level of columns: `a.b.c` for nested objects. */
export function flatten(row: Record<string, Json>, prefix = ""): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    const column = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) Object.assign(cells, flatten(value, column));
    else if (Array.isArray(value))
      cells[column] = value.every((item) => !isObject(item) && !Array.isArray(item))
        ? value.map((item) => (item === null ? "" : String(item))).join(" | ")
        : JSON.stringify(value);
    else cells[column] = value === null || value === undefined ? "" : String(value);
  }
  return cells;
}

/** A spreadsheet would run a cell starting with = + - @ as a formula: such cells get a leading apostrophe. */
function cell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(data: Json): string {
  const rows = rowsOf(data).map((row) => flatten(row));
  const columns: string[] = [];
  for (const row of rows)
    for (const column of Object.keys(row)) if (!columns.includes(column)) columns.push(column);
  // A null object in one row (category: null) is covered by its dotted columns from the other rows.
  const shown = columns.filter(
    (column) =>
      !columns.some((other) => other.startsWith(`${column}.`)) ||
      rows.some((row) => (row[column] ?? "") !== ""),
  );
  const lines = [
    shown.map(cell).join(";"),
    ...rows.map((row) => shown.map((column) => cell(row[column] ?? "")).join(";")),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function toJson(result: Json): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** A file name from an investigation's name and the date: "signalements-d-un-quartier-2026-11-28.csv". */
export function exportFileName(name: string, extension: "csv" | "json", now = new Date()): string {
  const slug =
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "resultat";
  return `${slug}-${now.toISOString().slice(0, 10)}.${extension}`;
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
