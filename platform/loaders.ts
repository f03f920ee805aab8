// DataLoader helpers: one batch per tick and per entity type becomes one SQL statement.
import DataLoader from "dataloader";

/**
 * A loader by id from one batched fetch. Results are returned in the order of the keys; a missing row is null
 * (federation then resolves the entity to null instead of failing the whole batch).
 */
export function byIdLoader<Row extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<Row[]>,
): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = await fetch(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** A loader of one value per key (counts, aggregates) from one batched fetch, with a default for absent keys. */
export function valueLoader<Value>(
  fetch: (keys: readonly string[]) => Promise<Map<string, Value>>,
  fallback: Value,
): DataLoader<string, Value> {
  return new DataLoader(async (keys) => {
    const values = await fetch(keys);
    return keys.map((key) => values.get(key) ?? fallback);
  });
}
