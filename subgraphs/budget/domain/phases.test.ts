import { describe, expect, it } from "vitest";
import { campaign } from "../../../tests/support/budgetFixtures.ts";
import { checkAdvance, nextPhase, ofPhase, submissionOpen, votingOpen } from "./phases.ts";

const c = campaign();
const during = (iso: string) => new Date(iso);

describe("phase names in messages", () => {
  it("elides « de » before a vowel", () => {
    expect(ofPhase("admissibility")).toBe("d'examen de recevabilité");
    expect(ofPhase("feasibility")).toBe("d'étude de faisabilité");
    expect(ofPhase("submission")).toBe("de dépôt des projets");
    const refused = checkAdvance({ ...c, phase: "admissibility" }, "voting", new Date("2026-06-01"), {});
    expect(refused?.message).toBe(
      "La campagne est en phase d'examen de recevabilité : la phase suivante est celle d'étude de faisabilité.",
    );
  });
});

describe("phase transitions", () => {
  it("goes one step forward at a time", () => {
    expect(nextPhase("submission")).toBe("admissibility");
    expect(nextPhase("implementation")).toBeNull();
    expect(checkAdvance(c, "voting", during("2026-06-01"), { submitted: 3 })).toMatchObject({
      problem: "invalid_phase_transition",
      currentPhase: "submission",
    });
    expect(
      checkAdvance({ ...c, phase: "implementation" }, "submission", during("2026-06-01"), {}),
    ).toMatchObject({
      problem: "invalid_phase_transition",
    });
  });

  it("closes submissions only after their end date, with at least one project", () => {
    expect(checkAdvance(c, "admissibility", during("2026-01-15"), { submitted: 3 })).toMatchObject({
      problem: "phase_date_not_reached",
      notBefore: c.submissionEndsAt,
    });
    expect(checkAdvance(c, "admissibility", during("2026-02-02"), {})).toMatchObject({
      problem: "phase_precondition_failed",
    });
    expect(checkAdvance(c, "admissibility", during("2026-02-02"), { submitted: 1 })).toBeNull();
  });

  it("opens the feasibility study once every project was examined", () => {
    const admissibility = { ...c, phase: "admissibility" as const };
    expect(
      checkAdvance(admissibility, "feasibility", during("2026-02-02"), { submitted: 1, admissible: 2 }),
    ).toMatchObject({ problem: "phase_precondition_failed" });
    expect(
      checkAdvance(admissibility, "feasibility", during("2026-02-02"), { inadmissible: 2 }),
    ).toMatchObject({
      problem: "phase_precondition_failed",
    });
    expect(checkAdvance(admissibility, "feasibility", during("2026-02-02"), { admissible: 2 })).toBeNull();
  });

  it("opens the vote after every study, from its start date and before its end", () => {
    const feasibility = { ...c, phase: "feasibility" as const };
    const done = { feasible: 2, not_feasible: 1 };
    expect(
      checkAdvance(feasibility, "voting", during("2026-04-02"), { ...done, under_study: 1 }),
    ).toMatchObject({
      problem: "phase_precondition_failed",
    });
    expect(checkAdvance(feasibility, "voting", during("2026-04-02"), { not_feasible: 3 })).toMatchObject({
      problem: "phase_precondition_failed",
    });
    expect(checkAdvance(feasibility, "voting", during("2026-03-01"), done)).toMatchObject({
      problem: "phase_date_not_reached",
    });
    expect(checkAdvance(feasibility, "voting", during("2026-05-02"), done)).toMatchObject({
      problem: "phase_precondition_failed",
    });
    expect(checkAdvance(feasibility, "voting", during("2026-04-02"), done)).toBeNull();
  });

  it("closes the vote only at its end date", () => {
    const voting = { ...c, phase: "voting" as const };
    expect(checkAdvance(voting, "results", during("2026-04-30"), {})).toMatchObject({
      problem: "phase_date_not_reached",
    });
    expect(checkAdvance(voting, "results", during("2026-05-01"), {})).toBeNull();
    expect(checkAdvance({ ...c, phase: "results" }, "implementation", during("2026-05-02"), {})).toBeNull();
  });

  it("accepts submissions and ballots only in their phase and window", () => {
    expect(submissionOpen(c, during("2026-01-15"))).toBe(true);
    expect(submissionOpen(c, during("2025-12-31"))).toBe(false);
    expect(submissionOpen(c, during("2026-02-01"))).toBe(false);
    expect(submissionOpen({ ...c, phase: "admissibility" }, during("2026-01-15"))).toBe(false);
    const voting = { ...c, phase: "voting" as const };
    expect(votingOpen(voting, during("2026-04-15"))).toBe(true);
    expect(votingOpen(voting, during("2026-05-01"))).toBe(false);
    expect(votingOpen(c, during("2026-04-15"))).toBe(false);
  });
});
