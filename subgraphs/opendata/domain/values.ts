// How values are written in the datasets: dates in UTC to the second (the Table Schema's default datetime format),
// money in euros from the API's integer cents.

/** RFC 3339 UTC to the second (`2026-11-03T10:00:00Z`), or null. */
export function utcSecond(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  return `${new Date(time).toISOString().slice(0, 19)}Z`;
}

export function euros(cents: number | null | undefined): number | null {
  return cents === null || cents === undefined ? null : cents / 100;
}
