import { describe, expect, it } from "vitest";
import { canMoveTo, checkTransition, isOpen, open311Status, REPORT_STATUSES } from "./lifecycle.ts";

describe("report lifecycle", () => {
  it("follows submitted → acknowledged → in progress → resolved", () => {
    expect(checkTransition("submitted", "acknowledged", null)).toEqual({ ok: true });
    expect(checkTransition("acknowledged", "in_progress", null)).toEqual({ ok: true });
    expect(checkTransition("in_progress", "resolved", null)).toEqual({ ok: true });
  });

  it("requires a reason to reject or redirect", () => {
    expect(checkTransition("submitted", "rejected", null)).toEqual({ ok: false, problem: "reason_required" });
    expect(checkTransition("submitted", "redirected", "  ")).toEqual({
      ok: false,
      problem: "reason_required",
    });
    expect(checkTransition("submitted", "rejected", "Domaine privé")).toEqual({ ok: true });
  });

  it("never goes back, except reopening a resolved report", () => {
    expect(checkTransition("in_progress", "acknowledged", null)).toEqual({
      ok: false,
      problem: "invalid_transition",
    });
    expect(checkTransition("resolved", "in_progress", null)).toEqual({ ok: true });
    for (const final of ["rejected", "duplicate", "redirected"] as const) {
      for (const to of REPORT_STATUSES) expect(canMoveTo(final, to)).toBe(false);
    }
    expect(checkTransition("submitted", "submitted", null)).toEqual({
      ok: false,
      problem: "invalid_transition",
    });
  });

  it("maps to Open311's two statuses", () => {
    expect(REPORT_STATUSES.filter(isOpen)).toEqual(["submitted", "acknowledged", "in_progress"]);
    expect(open311Status("in_progress")).toBe("open");
    expect(open311Status("duplicate")).toBe("closed");
  });
});
