// Documentation in the schema: every type, field, argument, enum value and input field of the public (API) schema of
// the composed supergraph has a description, the result unions and the Problem interface included, and the Problem
// interface documents the error model (expected problems in unions, every other error's code in `errors`).
import { isInterfaceType, isUnionType } from "graphql";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../platform/errors.ts";
import { composedApiSchema } from "../../schema/governance/composedApiSchema.ts";
import { described, undocumented } from "../../schema/governance/documentation.ts";

describe("documentation in the schema", () => {
  const schema = composedApiSchema();

  it("describes every type, field, argument, enum value and input field", () => {
    expect(undocumented(schema)).toEqual([]);
  });

  it("describes every result union and says which problems it may return", () => {
    const unions = Object.values(schema.getTypeMap()).filter(isUnionType);
    expect(unions.length).toBeGreaterThan(0);
    expect(unions.filter((union) => !described(union)).map((union) => union.name)).toEqual([]);
    const problem = schema.getType("Problem");
    if (!isInterfaceType(problem)) throw new Error("no Problem interface in the supergraph");
    // Every problem a union returns implements Problem, so a client can always read `message`.
    const notProblems = unions.flatMap((union) =>
      union
        .getTypes()
        .filter(
          (member) =>
            /(Problem|NotFound|Invalid|Conflict)$/.test(member.name) &&
            !member.getInterfaces().includes(problem),
        )
        .map((member) => `${union.name}.${member.name}`),
    );
    expect(notProblems).toEqual([]);
  });

  it("documents the error model in the Problem interface: expected problems, and the codes of every other error", () => {
    const problem = schema.getType("Problem");
    const text = problem?.description ?? "";
    const missing = ERROR_CODES.filter((code) => !text.includes(code));
    expect({ description: text, missingCodes: missing }).toEqual({ description: text, missingCodes: [] });
  });
});
