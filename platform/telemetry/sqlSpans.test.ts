import { describe, expect, it } from "vitest";
import { sqlSummary, withoutLiterals } from "./sqlSpans.ts";

describe("SQL in spans", () => {
  it("elides every literal and keeps placeholders, identifiers and keywords", () => {
    expect(
      withoutLiterals(
        `SELECT "t0"."id", col2 FROM "petitions"."petition" AS "t0" WHERE "t0"."author" = 'Camille O''Neil' AND n > 42 AND x = $1 LIMIT 10`,
      ),
    ).toBe(
      `SELECT "t0"."id", col2 FROM "petitions"."petition" AS "t0" WHERE "t0"."author" = ? AND n > ? AND x = $1 LIMIT ?`,
    );
    expect(withoutLiterals("INSERT INTO a (x) VALUES (E'caf\\u00e9', -3.5e2, $tag$secret body$tag$)")).toBe(
      "INSERT INTO a (x) VALUES (?, ?, ?)",
    );
    expect(withoutLiterals("SELECT 'camille@example.org'::text")).not.toContain("camille");
  });

  it("names a statement by its operation and first table", () => {
    expect(sqlSummary(`SELECT "id" FROM "petitions"."petition" WHERE id = $1`)).toEqual({
      operation: "SELECT",
      table: "petitions.petition",
      summary: "SELECT petitions.petition",
    });
    expect(sqlSummary(`INSERT INTO "reports"."outbox_event" (id) VALUES ($1)`).summary).toBe(
      "INSERT reports.outbox_event",
    );
    expect(sqlSummary(`update reports.report set x = $1`).summary).toBe("UPDATE reports.report");
    expect(sqlSummary("SELECT 1").summary).toBe("SELECT");
  });
});
