// The ballot ledger on the shared ledger module (platform/ledger/): one log per campaign in the budget schema
// ("budget".ledger_log / ledger_entry / ledger_node). A cast adds one to the log's total (delta +1), a
// replacement adds nothing (delta 0), so the signed total is the number of ballots. Entries carry the ballot's
// random token, its sorted selection and its revision — nothing about the voter.
import {
  appendEntry,
  decodeEntry,
  type LedgerSql,
  leafHash,
  MAX_ENTRIES_PER_READ,
  MemoryTree,
  readEntries,
  readHead,
  toHex,
} from "../../../platform/ledger/index.ts";
import type { BallotLedgerEntry, LedgerHead } from "../ports/ballotLedger.ts";

export const LEDGER_SCHEMA = "budget";

export const ballotLogId = (campaignId: string) => `budget:campaign:${campaignId}`;

export async function ledgerAppend(sql: LedgerSql, entry: BallotLedgerEntry): Promise<{ leafIndex: number }> {
  const appended = await appendEntry(
    sql,
    LEDGER_SCHEMA,
    ballotLogId(entry.campaignId),
    {
      kind: entry.kind,
      token: entry.token,
      delta: entry.kind === "ballot.cast" ? 1 : 0,
      data: { projectIds: entry.projectIds, revision: entry.revision },
    },
    entry.at,
  );
  return { leafIndex: appended.seq };
}

/** Every entry of a campaign's log, in order (read in pages of the module's maximum). */
export async function ledgerEntries(sql: LedgerSql, campaignId: string) {
  const logId = ballotLogId(campaignId);
  const head = await readHead(sql, LEDGER_SCHEMA, logId);
  const entries: { seq: number; entry: string }[] = [];
  for (let start = 0; start < head.size; start += MAX_ENTRIES_PER_READ) {
    entries.push(...(await readEntries(sql, LEDGER_SCHEMA, logId, start, head.size)));
  }
  return entries;
}

/**
 * Whether the stored entries still hash to the stored head: the root is recomputed from every entry's text, so an
 * entry edited in the database is caught even when it would not change the tally.
 */
export async function ledgerIntact(sql: LedgerSql, campaignId: string): Promise<boolean> {
  const head = await readHead(sql, LEDGER_SCHEMA, ballotLogId(campaignId));
  const entries = await ledgerEntries(sql, campaignId);
  if (entries.length !== head.size) return false;
  const tree = new MemoryTree(entries.map((row) => leafHash(row.entry)));
  return toHex(tree.root(head.size)) === head.rootHash;
}

export async function ledgerHead(sql: LedgerSql, campaignId: string): Promise<LedgerHead> {
  const head = await readHead(sql, LEDGER_SCHEMA, ballotLogId(campaignId));
  return { size: head.size, rootHash: head.rootHash };
}

/** A published entry back to a ballot; throws on anything that is not a ballot entry of this log. */
export function decodeBallotEntry(text: string, campaignId: string): BallotLedgerEntry {
  const entry = decodeEntry(text);
  const data = entry.data as { projectIds?: unknown; revision?: unknown } | undefined;
  if (
    (entry.kind !== "ballot.cast" && entry.kind !== "ballot.replaced") ||
    typeof entry.token !== "string" ||
    !Array.isArray(data?.projectIds) ||
    typeof data.revision !== "number"
  ) {
    throw new TypeError(`not a ballot ledger entry: ${entry.kind}`);
  }
  return {
    kind: entry.kind,
    campaignId,
    token: entry.token,
    projectIds: data.projectIds.map(String),
    revision: data.revision,
    at: new Date(entry.at),
  };
}
