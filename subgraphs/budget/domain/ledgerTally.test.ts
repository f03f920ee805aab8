import { describe, expect, it } from "vitest";
import type { BallotLedgerEntry } from "../ports/ballotLedger.ts";
import { latestSelections } from "./ledgerTally.ts";

const entry = (token: string, projectIds: string[], revision: number): BallotLedgerEntry => ({
  kind: revision === 1 ? "ballot.cast" : "ballot.replaced",
  campaignId: "c",
  token,
  projectIds,
  revision,
  at: new Date(0),
});

describe("latestSelections", () => {
  it("keeps each ballot's latest revision", () => {
    const selections = latestSelections([
      entry("t1", ["a"], 1),
      entry("t2", ["b"], 1),
      entry("t1", ["a", "c"], 2),
      entry("t3", ["c"], 1),
    ]);
    expect(selections).toEqual([["a", "c"], ["b"], ["c"]]);
  });
});
