import { describe, expect, it } from "vitest";
import { checkAttributes, labelsOf } from "./attributes.ts";
import type { AttributeDefinition } from "./model.ts";

const definition = (fields: Partial<AttributeDefinition> & Pick<AttributeDefinition, "code" | "datatype">) =>
  ({
    id: `id-${fields.code}`,
    categoryId: "c",
    required: false,
    variable: true,
    description: `Question ${fields.code}`,
    datatypeDescription: null,
    position: 1,
    options: [],
    ...fields,
  }) satisfies AttributeDefinition;

const DEFINITIONS = [
  definition({
    code: "volume",
    datatype: "singlevaluelist",
    required: true,
    options: [
      { key: "sac", name: "Quelques sacs" },
      { key: "camionnette", name: "Une camionnette" },
    ],
  }),
  definition({
    code: "nature",
    datatype: "multivaluelist",
    options: [
      { key: "gravats", name: "Gravats" },
      { key: "pneus", name: "Pneus" },
    ],
  }),
  definition({ code: "m3", datatype: "number" }),
  definition({ code: "vu_le", datatype: "datetime" }),
  definition({ code: "plaque", datatype: "string" }),
  definition({ code: "notes", datatype: "text" }),
  definition({ code: "info", datatype: "text", variable: false }),
];

describe("checkAttributes", () => {
  it("accepts well-formed answers and normalises numbers", () => {
    const result = checkAttributes(DEFINITIONS, [
      { code: "volume", values: ["sac"] },
      { code: "nature", values: ["gravats", "pneus"] },
      { code: "m3", values: ["1,5"] },
      { code: "vu_le", values: ["2026-11-28T09:30:00+01:00"] },
      { code: "plaque", values: ["AB-123-CD"] },
      { code: "notes", values: ["ligne 1\nligne 2"] },
    ]);
    expect(result).toEqual({
      ok: true,
      values: {
        volume: ["sac"],
        nature: ["gravats", "pneus"],
        m3: ["1.5"],
        vu_le: ["2026-11-28T09:30:00+01:00"],
        plaque: ["AB-123-CD"],
        notes: ["ligne 1\nligne 2"],
      },
    });
  });

  it("reports every problem at once, one per question", () => {
    const result = checkAttributes(DEFINITIONS, [
      { code: "nature", values: ["gravats", "frigo"] },
      { code: "m3", values: ["beaucoup"] },
      { code: "vu_le", values: ["hier"] },
      { code: "plaque", values: ["a\nb"] },
      { code: "inconnu", values: ["x"] },
      { code: "info", values: ["x"] },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.code).sort()).toEqual(
      ["info", "inconnu", "m3", "nature", "plaque", "volume", "vu_le"].sort(),
    );
    expect(result.problems.find((problem) => problem.code === "volume")?.message).toContain("obligatoire");
  });

  it("takes empty strings for no answer and refuses two values for a single-value question", () => {
    expect(checkAttributes(DEFINITIONS, [{ code: "volume", values: [" "] }]).ok).toBe(false);
    const two = checkAttributes(DEFINITIONS, [{ code: "volume", values: ["sac", "camionnette"] }]);
    expect(two).toMatchObject({
      ok: false,
      problems: [{ code: "volume", message: "Une seule valeur est attendue." }],
    });
    const repeated = checkAttributes(DEFINITIONS, [
      { code: "volume", values: ["sac"] },
      { code: "nature", values: ["pneus", "pneus"] },
    ]);
    expect(repeated.ok).toBe(false);
  });

  it("labels list values with their names", () => {
    expect(labelsOf(DEFINITIONS[0], ["camionnette"])).toEqual(["Une camionnette"]);
    expect(labelsOf(undefined, ["x"])).toEqual(["x"]);
  });
});
