import { describe, expect, it } from "vitest";
import { exportFileName, flatten, rowsOf, toCsv, toJson } from "./exportResult.ts";

const result = {
  reports: {
    totalCount: 2,
    edges: [
      {
        node: {
          id: "r1",
          status: "SUBMITTED",
          category: { code: "VOIRIE", name: "Voirie; trottoirs" },
          history: [{ kind: "SUBMITTED", at: "2026-11-01T10:00:00Z" }],
          tags: ["a", "b"],
        },
      },
      {
        node: {
          id: "r2",
          status: "RESOLVED",
          category: null,
          history: [],
          tags: [],
          note: '=HYPERLINK("x")',
        },
      },
    ],
    pageInfo: { hasNextPage: false, endCursor: "x" },
  },
};

describe("export of results", () => {
  it("takes the nodes of the first connection as rows", () => {
    expect(rowsOf(result).map((row) => row.id)).toEqual(["r1", "r2"]);
    expect(rowsOf({ list: [1, 2] })).toEqual([{ value: 1 }, { value: 2 }]);
    expect(rowsOf({ me: { id: "x" } })).toEqual([{ me: { id: "x" } }]);
  });

  it("flattens nested objects into dotted columns, joins scalar lists, keeps object lists as JSON", () => {
    expect(flatten(rowsOf(result)[0] ?? {})).toEqual({
      id: "r1",
      status: "SUBMITTED",
      "category.code": "VOIRIE",
      "category.name": "Voirie; trottoirs",
      history: '[{"kind":"SUBMITTED","at":"2026-11-01T10:00:00Z"}]',
      tags: "a | b",
    });
  });

  it("writes RFC 4180 cells separated by semicolons, with a BOM, quoting and formula neutralisation", () => {
    const csv = toCsv(result);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("id;status;category.code;category.name;history;tags;note");
    expect(lines[1]).toBe(
      'r1;SUBMITTED;VOIRIE;"Voirie; trottoirs";"[{""kind"":""SUBMITTED"",""at"":""2026-11-01T10:00:00Z""}]";a | b;',
    );
    expect(lines[2]).toBe(`r2;RESOLVED;;;;;"'=HYPERLINK(""x"")"`);
  });

  it("exports JSON as is and names files after the investigation and the day", () => {
    expect(JSON.parse(toJson(result))).toEqual(result);
    expect(
      exportFileName("Signalements d'un quartier sur 30 jours", "csv", new Date("2026-11-28T09:00:00Z")),
    ).toBe("signalements-d-un-quartier-sur-30-jours-2026-11-28.csv");
  });
});
