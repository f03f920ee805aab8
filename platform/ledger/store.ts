// The ledger's storage: generic SQL over three tables in each user's own PostgreSQL schema. A subgraph asks for
// them in its prisma/<subgraph>.prisma (« platform tables: … ledger, model prefix X »): their models, named after
// it since all models share one Prisma namespace, are generated from one definition (prisma/platformModels.ts):
//
//   "<schema>"."ledger_log"    one row per log: the per-log counter and the current head, locked by each append
//     log_id TEXT PK, size BIGINT NOT NULL, root_hash BYTEA NOT NULL, frontier BYTEA NOT NULL
//     (the hashes of the log's perfect subtrees, largest first, concatenated: 32 bytes each),
//     total BIGINT NOT NULL (sum of the entries' deltas: the count the log vouches for),
//     updated_at TIMESTAMPTZ(3) NOT NULL (time of the last entry: the head's timestamp)
//   "<schema>"."ledger_entry"  the published entries
//     log_id TEXT, seq BIGINT (0-based leaf index), entry TEXT (canonical JSON), leaf_hash BYTEA,
//     created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(); PRIMARY KEY (log_id, seq)
//   "<schema>"."ledger_node"   every perfect subtree of height ≥ 1, written once when completed
//     log_id TEXT, level INT, idx BIGINT, hash BYTEA; PRIMARY KEY (log_id, level, idx)
//
// See platform/ledger/README.md for the Prisma models to copy. Appends run inside the caller's Prisma
// transaction (two statements); the first one locks the log's row, so sequence numbers are gap-free and
// race-free under concurrency, and nothing is written if the caller's transaction rolls back. Heads are a row
// read; proofs read the O(log n) stored subtrees they need, in one statement.
import { encodeEntry, type LedgerEntryInput } from "./entry.ts";
import {
  appendLeaf,
  consistencyRanges,
  EMPTY_ROOT,
  foldRight,
  fromHex,
  type Hash,
  inclusionRanges,
  type LeafRange,
  leafHash,
  type NodeId,
  perfectNodesOf,
  toHex,
} from "./merkle.ts";
import type { TreeHead } from "./signing.ts";

/**
 * The part of a Prisma client or transaction client the ledger needs; `ledgerSql(runner)` makes one of the platform's
 * raw SqlRunner (a `db.transaction` connection), which is several times cheaper per statement.
 */
export interface LedgerSql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/** A LedgerSql (and outbox RawExecutor) over the platform's SqlRunner: `db.transaction((tx) => …ledgerSql(tx)…)`. */
export function ledgerSql(runner: { query<T>(sql: string, params?: unknown[]): Promise<T[]> }): LedgerSql & {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
} {
  return {
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await runner.query(query, values)) as T,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) =>
      (await runner.query(query, values)).length,
  };
}

export interface AppendedEntry {
  logId: string;
  /** 0-based position of the entry: its leaf index. */
  seq: number;
  entry: string;
  leafHash: string;
  /** The head after this entry. */
  head: TreeHead;
}

export interface StoredEntry {
  seq: number;
  entry: string;
  leafHash: string;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;
const LOG_ID = /^[A-Za-z0-9:._-]{1,200}$/;
export const MAX_ENTRIES_PER_READ = 1_000;

function tables(schema: string) {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return {
    log: `"${schema}"."ledger_log"`,
    entry: `"${schema}"."ledger_entry"`,
    node: `"${schema}"."ledger_node"`,
  };
}

function checkLogId(logId: string): void {
  if (!LOG_ID.test(logId)) throw new Error(`invalid ledger log id ${logId}`);
}

function splitFrontier(hex: string): Hash[] {
  const hashes: Hash[] = [];
  for (let i = 0; i < hex.length; i += 64) hashes.push(fromHex(hex.slice(i, i + 64)));
  return hashes;
}

const iso = (epochMs: string | number | bigint) => new Date(Number(epochMs)).toISOString();

/**
 * Appends one entry to a log inside the caller's transaction; creates the log on its first entry.
 * The entry's time is now — or the command's clock when given (`recordedAt`: a demo seeded with past dates must not
 * sign heads dated at seeding, after the events they record) — kept monotonic within the log (never before the
 * previous entry).
 */
export async function appendEntry(
  tx: LedgerSql,
  schema: string,
  logId: string,
  input: LedgerEntryInput,
  recordedAt?: Date,
): Promise<AppendedEntry> {
  const t = tables(schema);
  checkLogId(logId);
  // Upsert then lock: ON CONFLICT DO UPDATE takes the row lock and returns the latest committed state.
  const [log] = await tx.$queryRawUnsafe<{ size: string; total: string; frontier: string; last: string }[]>(
    `INSERT INTO ${t.log} AS log (log_id, size, total, root_hash, frontier, updated_at)
     VALUES ($1, 0, 0, decode('${toHex(EMPTY_ROOT)}', 'hex'), ''::bytea, now())
     ON CONFLICT (log_id) DO UPDATE SET log_id = log.log_id
     RETURNING size::text AS size, total::text AS total, encode(log.frontier, 'hex') AS frontier,
               (extract(epoch from log.updated_at) * 1000)::bigint::text AS last`,
    logId,
  );
  if (!log) throw new Error(`ledger log ${logId} could not be locked`);
  const size = Number(log.size);
  const at = new Date(Math.max(recordedAt?.getTime() ?? Date.now(), size > 0 ? Number(log.last) : 0));
  const entry = encodeEntry(input, at);
  const leaf = leafHash(entry);
  const { frontier, completed } = appendLeaf(splitFrontier(log.frontier), size, leaf);
  const root = foldRight(frontier);
  const nodes = JSON.stringify(
    completed.map((node) => ({ level: node.level, idx: node.index, hash: toHex(node.hash) })),
  );
  await tx.$queryRawUnsafe(
    `WITH new_entry AS (
       INSERT INTO ${t.entry} (log_id, seq, entry, leaf_hash, created_at)
       VALUES ($1, $2::bigint, $3, decode($4, 'hex'), $5::timestamptz)
     ), new_nodes AS (
       INSERT INTO ${t.node} (log_id, level, idx, hash)
       SELECT $1, n.level, n.idx, decode(n.hash, 'hex') FROM json_to_recordset($6::json) AS n(level int, idx bigint, hash text)
     )
     UPDATE ${t.log} SET size = $2::bigint + 1, total = total + $9::bigint, root_hash = decode($7, 'hex'), frontier = decode($8, 'hex'),
                         updated_at = $5::timestamptz
     WHERE log_id = $1
     RETURNING log_id`,
    logId,
    String(size),
    entry,
    toHex(leaf),
    at.toISOString(),
    nodes,
    toHex(root),
    frontier.map(toHex).join(""),
    String(input.delta ?? 0),
  );
  return {
    logId,
    seq: size,
    entry,
    leafHash: toHex(leaf),
    head: {
      logId,
      size: size + 1,
      total: Number(log.total) + (input.delta ?? 0),
      rootHash: toHex(root),
      timestamp: at.toISOString(),
    },
  };
}

/** The current head of a log (an empty head when nothing was ever appended). */
export async function readHead(sql: LedgerSql, schema: string, logId: string): Promise<TreeHead> {
  return (await readHeads(sql, schema, [logId])).get(logId) as TreeHead;
}

/** The current heads of several logs in one statement (for DataLoaders). */
export async function readHeads(
  sql: LedgerSql,
  schema: string,
  logIds: readonly string[],
): Promise<Map<string, TreeHead>> {
  const t = tables(schema);
  for (const logId of logIds) checkLogId(logId);
  const rows = await sql.$queryRawUnsafe<
    { log_id: string; size: string; total: string; root: string; at: string }[]
  >(
    `SELECT log_id, size::text AS size, total::text AS total, encode(root_hash, 'hex') AS root,
            (extract(epoch from updated_at) * 1000)::bigint::text AS at
     FROM ${t.log} WHERE log_id = ANY(string_to_array($1, ','))`,
    logIds.join(","),
  );
  const heads = new Map<string, TreeHead>(
    logIds.map((logId) => [
      logId,
      { logId, size: 0, total: 0, rootHash: toHex(EMPTY_ROOT), timestamp: null },
    ]),
  );
  for (const row of rows) {
    const size = Number(row.size);
    heads.set(row.log_id, {
      logId: row.log_id,
      size,
      total: Number(row.total),
      rootHash: row.root,
      timestamp: size > 0 ? iso(row.at) : null,
    });
  }
  return heads;
}

/** Entries [start, end) of a log, at most MAX_ENTRIES_PER_READ (like CT's get-entries). */
export async function readEntries(
  sql: LedgerSql,
  schema: string,
  logId: string,
  start: number,
  end: number,
): Promise<StoredEntry[]> {
  const t = tables(schema);
  checkLogId(logId);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError("entries are read from 0 ≤ start ≤ end");
  }
  const last = Math.min(end, start + MAX_ENTRIES_PER_READ);
  const rows = await sql.$queryRawUnsafe<{ seq: string; entry: string; leaf: string }[]>(
    // Ordered by the column, not the text alias of the same name (which would sort "10" before "2").
    `SELECT e.seq::text AS seq, e.entry, encode(e.leaf_hash, 'hex') AS leaf FROM ${t.entry} e
     WHERE e.log_id = $1 AND e.seq >= $2::bigint AND e.seq < $3::bigint ORDER BY e.seq`,
    logId,
    String(start),
    String(last),
  );
  return rows.map((row) => ({ seq: Number(row.seq), entry: row.entry, leafHash: row.leaf }));
}

/** The stored hashes of perfect subtrees (level 0: the entries' leaf hashes), in one statement. */
async function readNodes(
  sql: LedgerSql,
  schema: string,
  logId: string,
  ids: NodeId[],
): Promise<Map<string, Hash>> {
  const t = tables(schema);
  const unique = [...new Map(ids.map((id) => [`${id.level}:${id.index}`, id])).values()];
  if (unique.length === 0) return new Map();
  const inner = unique.filter((id) => id.level > 0);
  const leaves = unique.filter((id) => id.level === 0);
  // One primary-key probe per wanted subtree (LATERAL: a nested loop whatever the statistics, which PGlite never
  // gathers and a freshly grown log lacks), so a proof costs the same at 10^3 and 10^5 entries.
  const rows = await sql.$queryRawUnsafe<{ level: number; idx: string; hash: string }[]>(
    `SELECT k.level, k.idx::text AS idx, encode(n.hash, 'hex') AS hash
     FROM unnest($2::int[], $3::bigint[]) AS k(level, idx)
     CROSS JOIN LATERAL (SELECT hash FROM ${t.node} WHERE log_id = $1 AND level = k.level AND idx = k.idx) n
     UNION ALL
     SELECT 0, k.seq::text, encode(e.leaf_hash, 'hex')
     FROM unnest($4::bigint[]) AS k(seq)
     CROSS JOIN LATERAL (SELECT leaf_hash FROM ${t.entry} WHERE log_id = $1 AND seq = k.seq) e`,
    logId,
    inner.map((id) => id.level),
    inner.map((id) => String(id.index)),
    leaves.map((id) => String(id.index)),
  );
  const nodes = new Map<string, Hash>();
  for (const row of rows) nodes.set(`${Number(row.level)}:${row.idx}`, fromHex(row.hash));
  for (const id of unique) {
    if (!nodes.has(`${id.level}:${id.index}`))
      throw new Error(`ledger ${logId} lacks subtree ${id.level}:${id.index}`);
  }
  return nodes;
}

async function rangeHashes(
  sql: LedgerSql,
  schema: string,
  logId: string,
  ranges: LeafRange[],
): Promise<string[]> {
  const decomposed = ranges.map((range) => perfectNodesOf(range));
  const nodes = await readNodes(sql, schema, logId, decomposed.flat());
  return decomposed.map((ids) =>
    toHex(foldRight(ids.map((id) => nodes.get(`${id.level}:${id.index}`) as Hash))),
  );
}

async function requireSize(sql: LedgerSql, schema: string, logId: string, size: number): Promise<void> {
  const head = await readHead(sql, schema, logId);
  if (size > head.size) throw new RangeError(`ledger ${logId} has ${head.size} entries, not ${size}`);
}

/** The audit path of entry `index` in the tree of the first `treeSize` entries, from the leaf up (hex). */
export async function inclusionProof(
  sql: LedgerSql,
  schema: string,
  logId: string,
  index: number,
  treeSize: number,
): Promise<string[]> {
  checkLogId(logId);
  const ranges = inclusionRanges(index, treeSize);
  await requireSize(sql, schema, logId, treeSize);
  return rangeHashes(sql, schema, logId, ranges);
}

/** The proof that the tree of `second` entries extends the tree of `first` entries (hex). */
export async function consistencyProof(
  sql: LedgerSql,
  schema: string,
  logId: string,
  first: number,
  second: number,
): Promise<string[]> {
  checkLogId(logId);
  const ranges = consistencyRanges(first, second);
  await requireSize(sql, schema, logId, second);
  return rangeHashes(sql, schema, logId, ranges);
}

/** The root hash of the tree of the first `size` entries (a past head), from O(log n) stored subtrees. */
export async function rootAt(sql: LedgerSql, schema: string, logId: string, size: number): Promise<string> {
  checkLogId(logId);
  if (size === 0) return toHex(EMPTY_ROOT);
  await requireSize(sql, schema, logId, size);
  const [root] = await rangeHashes(sql, schema, logId, [[0, size]]);
  return root as string;
}
