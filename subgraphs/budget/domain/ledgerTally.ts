// From the public ballot ledger back to ballots: each token's last entry is that ballot's current selection
// (a replacement supersedes the cast). This is the recomputation anyone can do with the published entries.
import type { BallotLedgerEntry } from "../ports/ballotLedger.ts";

export function latestSelections(entries: readonly BallotLedgerEntry[]): string[][] {
  const byToken = new Map<string, BallotLedgerEntry>();
  for (const entry of entries) {
    const previous = byToken.get(entry.token);
    if (!previous || entry.revision > previous.revision) byToken.set(entry.token, entry);
  }
  return [...byToken.values()].map((entry) => entry.projectIds);
}
