import { describe, expect, it } from "vitest";
import { countVotes, sameTally, type TallyProject, tally } from "./tally.ts";

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const p = (id: string, costCents: number, day = 1, envelopeId = "city"): TallyProject => ({
  id,
  envelopeId,
  costCents,
  submittedAt: at(day),
});

describe("tally", () => {
  const envelopes = [{ id: "city", amountCents: 100, position: 0 }];

  it("fills the envelope in rank order, skipping projects that no longer fit", () => {
    const projects = [p("a", 60), p("b", 50), p("c", 30), p("d", 20)];
    const ballots = [["a", "b"], ["a", "b", "c"], ["a", "b", "d"], ["a", "c"], ["b"]];
    const result = tally(envelopes, projects, ballots);
    // votes: a 4, b 4, c 2, d 1. Tie a/b at 4: cheaper b first. b (50) fits, a (60) does not, c (30) fits,
    // d (20) fits: 50 + 30 + 20 = 100.
    expect(result.outcomes.map((o) => [o.projectId, o.votes, o.rank, o.reason])).toEqual([
      ["b", 4, 1, "selected"],
      ["a", 4, 2, "did_not_fit"],
      ["c", 2, 3, "selected"],
      ["d", 1, 4, "selected"],
    ]);
    expect(result.envelopes).toEqual([{ envelopeId: "city", amountCents: 100, allocatedCents: 100 }]);
    expect(result.ballotCount).toBe(5);
  });

  it("breaks ties by cost, then submission date, then id", () => {
    const projects = [p("z", 10, 2), p("y", 10, 1), p("x", 10, 1), p("w", 5, 9)];
    const result = tally(envelopes, projects, [["w", "x", "y", "z"]]);
    expect(result.outcomes.map((o) => o.projectId)).toEqual(["w", "x", "y", "z"]);
  });

  it("never selects a project without votes, and ranks each envelope on its own", () => {
    const two = [
      { id: "city", amountCents: 100, position: 0 },
      { id: "q", amountCents: 10, position: 1 },
    ];
    const projects = [p("a", 10), p("b", 10), p("q1", 10, 1, "q"), p("q2", 5, 1, "q")];
    const result = tally(two, projects, [
      ["a", "q1"],
      ["q1", "q2"],
    ]);
    expect(result.outcomes.map((o) => [o.projectId, o.rank, o.reason])).toEqual([
      ["a", 1, "selected"],
      ["b", 2, "no_votes"],
      ["q1", 1, "selected"],
      ["q2", 2, "did_not_fit"],
    ]);
  });

  it("is deterministic whatever the order of ballots and projects", () => {
    const projects = [p("a", 30), p("b", 30), p("c", 50), p("d", 10)];
    const ballots = [["a", "c"], ["b", "d"], ["c"], ["a", "b"], ["d"]];
    const first = tally(envelopes, projects, ballots);
    const second = tally(envelopes, [...projects].reverse(), [...ballots].reverse());
    expect(second.outcomes).toEqual(first.outcomes);
    expect(sameTally(first, second)).toBe(true);
  });

  it("counts a project once per ballot and ignores projects not on the ballot", () => {
    const votes = countVotes([p("a", 1)], [["a", "a", "ghost"], ["a"]]);
    expect([...votes]).toEqual([["a", 2]]);
  });

  it("tells different tallies apart", () => {
    const projects = [p("a", 30), p("b", 30)];
    expect(sameTally(tally(envelopes, projects, [["a"]]), tally(envelopes, projects, [["b"]]))).toBe(false);
    expect(sameTally(tally(envelopes, projects, [["a"]]), tally(envelopes, projects, [["a"], []]))).toBe(
      false,
    );
  });
});
