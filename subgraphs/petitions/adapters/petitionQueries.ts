// The SQL of the petition listing: visibility, filters, French full-text search (the GIN-indexed expression of the
// migration), the displayed status as SQL predicates (mirroring domain/status.ts `displayedStatusOf` case for
// case), and keyset pagination per sort. Values always travel as parameters; only fixed fragments are spliced.
import type { DisplayedStatus } from "../domain/model.ts";
import { DAY_MS, type PetitionRules } from "../domain/rules.ts";
import { quotaOf } from "../domain/status.ts";
import type { ListKey } from "../ports/listKey.ts";
import type { PetitionListFilter, PetitionSort, Viewer } from "../ports/petitionStore.ts";
import { SELECT_PETITION } from "./rows.ts";

export const SEARCH_VECTOR = `to_tsvector('petitions.french_unaccent'::regconfig, p.title || ' ' || p.body)`;

export const PUBLIC_PREDICATE = `(p.state IN ('published', 'answered', 'closed') OR (p.state = 'withdrawn' AND p.published_at IS NOT NULL))`;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

function displayedStatusPredicate(
  status: DisplayedStatus,
  rules: PetitionRules,
  now: Date,
  params: Params,
): string {
  // Each value becomes a parameter the first time the predicate uses it (PostgreSQL refuses unused ones).
  const once = (make: () => string) => {
    let value: string | undefined;
    return () => {
      value ??= make();
      return value;
    };
  };
  const nowParam = once(() => params.add(now.toISOString(), "timestamptz"));
  const quotaParam = once(() => params.add(quotaOf(rules), "int"));
  const opened = `(p.signing_starts_at IS NOT NULL AND p.signing_ends_at IS NOT NULL AND ${PUBLIC_PREDICATE})`;
  const soonArrived = once(() => `(p.state = 'published' AND ${nowParam()} < p.signing_starts_at)`);
  const running = once(
    () =>
      `(p.state = 'published' AND ${nowParam()} >= p.signing_starts_at AND ${nowParam()} < p.signing_ends_at AND p.signature_count < ${quotaParam()})`,
  );
  const isNew = once(
    () =>
      `(p.signing_starts_at > ${params.add(new Date(now.getTime() - rules.newDays * DAY_MS).toISOString(), "timestamptz")})`,
  );
  const soonFinished = once(
    () =>
      `(p.signing_ends_at <= ${params.add(new Date(now.getTime() + rules.soonFinishedDays * DAY_MS).toISOString(), "timestamptz")})`,
  );
  switch (status) {
    case "soon_arrived":
      return `(${opened} AND ${soonArrived()})`;
    case "completed":
      return `(${opened} AND NOT ${soonArrived()} AND p.signature_count >= ${quotaParam()})`;
    case "failed":
      return `(${opened} AND NOT ${soonArrived()} AND p.signature_count < ${quotaParam()} AND (p.state <> 'published' OR ${nowParam()} >= p.signing_ends_at))`;
    case "new":
      return `(${opened} AND ${running()} AND ${isNew()})`;
    case "soon_finished":
      return `(${opened} AND ${running()} AND NOT ${isNew()} AND ${soonFinished()})`;
    case "in_progress":
      return `(${opened} AND ${running()} AND NOT ${isNew()} AND NOT ${soonFinished()})`;
  }
}

function filterPredicates(
  filter: PetitionListFilter,
  viewer: Viewer,
  rules: PetitionRules,
  now: Date,
  params: Params,
): string[] {
  const where: string[] = [];
  if (!viewer.seesEverything) {
    if (viewer.accountId) {
      const me = params.add(viewer.accountId, "uuid");
      where.push(
        `(${PUBLIC_PREDICATE} OR p.author_account_id = ${me} OR EXISTS (SELECT 1 FROM petitions.co_author c WHERE c.petition_id = p.id AND c.account_id = ${me}))`,
      );
    } else {
      where.push(PUBLIC_PREDICATE);
    }
  }
  if (filter.states?.length) where.push(`p.state = ANY(${params.add(filter.states, "text[]")})`);
  if (filter.quartierId) where.push(`p.quartier_id = ${params.add(filter.quartierId, "uuid")}`);
  if (filter.theme) where.push(`p.theme = ${params.add(filter.theme, "text")}`);
  if (filter.authorId) where.push(`p.author_account_id = ${params.add(filter.authorId, "uuid")}`);
  if (filter.search) {
    where.push(
      `${SEARCH_VECTOR} @@ websearch_to_tsquery('petitions.french_unaccent'::regconfig, ${params.add(filter.search, "text")})`,
    );
  }
  if (filter.displayedStatuses?.length) {
    where.push(
      `(${filter.displayedStatuses.map((status) => displayedStatusPredicate(status, rules, now, params)).join(" OR ")})`,
    );
  }
  return where;
}

const ORDER: Record<PetitionSort, string> = {
  newest: "p.listed_at DESC, p.id DESC",
  most_signed: "p.signature_count DESC, p.id DESC",
  ending_soonest: "p.signing_ends_at ASC NULLS LAST, p.id ASC",
};

/** The sort value a cursor holds for a row. */
export function sortValue(
  sort: PetitionSort,
  row: { listedAt: Date; signatureCount: number; signingEndsAt: Date | null },
) {
  if (sort === "newest") return row.listedAt.toISOString();
  if (sort === "most_signed") return row.signatureCount;
  return row.signingEndsAt?.toISOString() ?? null;
}

/** True when the cursor's value has the shape the sort needs (a forged cursor is the caller's error). */
export function isValidKey(sort: PetitionSort, key: ListKey): boolean {
  if (sort === "most_signed") return typeof key.v === "number" && Number.isSafeInteger(key.v);
  if (key.v === null) return sort === "ending_soonest";
  return typeof key.v === "string" && !Number.isNaN(Date.parse(key.v));
}

function keysetPredicate(sort: PetitionSort, key: ListKey, params: Params): string {
  const id = params.add(key.id, "uuid");
  if (sort === "newest") return `(p.listed_at, p.id) < (${params.add(key.v, "timestamptz")}, ${id})`;
  if (sort === "most_signed") return `(p.signature_count, p.id) < (${params.add(key.v, "int")}, ${id})`;
  if (key.v === null) return `(p.signing_ends_at IS NULL AND p.id > ${id})`;
  const ends = params.add(key.v, "timestamptz");
  return `(p.signing_ends_at > ${ends} OR (p.signing_ends_at = ${ends} AND p.id > ${id}) OR p.signing_ends_at IS NULL)`;
}

export function listQueries(
  filter: PetitionListFilter,
  sort: PetitionSort,
  viewer: Viewer,
  page: { first: number; after: ListKey | undefined },
  rules: PetitionRules,
  now: Date,
): { rows: { sql: string; values: unknown[] }; count: { sql: string; values: unknown[] } } {
  const countParams = new Params();
  const countWhere = filterPredicates(filter, viewer, rules, now, countParams);
  const params = new Params();
  const where = filterPredicates(filter, viewer, rules, now, params);
  if (page.after) where.push(keysetPredicate(sort, page.after, params));
  const clause = (parts: string[]) => (parts.length ? `WHERE ${parts.join(" AND ")}` : "");
  return {
    rows: {
      sql: `SELECT ${SELECT_PETITION} FROM petitions.petition p ${clause(where)} ORDER BY ${ORDER[sort]} LIMIT ${page.first + 1}`,
      values: params.values,
    },
    count: {
      sql: `SELECT count(*)::int AS n FROM petitions.petition p ${clause(countWhere)}`,
      values: countParams.values,
    },
  };
}
