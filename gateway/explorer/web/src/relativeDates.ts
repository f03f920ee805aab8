// Saved investigations keep relative dates in their variables — "{{now-30d}}" is "30 days before the moment the
// investigation runs" — so "the last 30 days" stays the last 30 days. The explorer resolves them just before running.
const RELATIVE = /^\{\{now(?:([+-])(\d{1,5})([dhm]))?\}\}$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** Replaces every `{{now}}`, `{{now±N(d|h|m)}}` string, at any depth, by an RFC 3339 date. */
export function resolveRelativeDates(value: unknown, now: Date = new Date()): unknown {
  if (typeof value === "string") {
    const match = RELATIVE.exec(value.trim());
    if (!match) return value;
    const [, sign, amount, unit] = match;
    const offset = sign && amount && unit ? Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS] : 0;
    return new Date(now.getTime() + (sign === "-" ? -offset : offset)).toISOString();
  }
  if (Array.isArray(value)) return value.map((item) => resolveRelativeDates(item, now));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        resolveRelativeDates(item, now),
      ]),
    );
  }
  return value;
}
