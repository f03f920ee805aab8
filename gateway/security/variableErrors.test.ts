import { buildSchema, GraphQLError, getVariableValues, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { installScalarParsers, JSON_MAX_DEPTH } from "../../platform/scalars.ts";
import { valueFreeReason, withoutRefusedValue } from "./variableErrors.ts";

const schema = buildSchema(`
  scalar Date
  input Filter { from: Date, tags: [String!], role: Role }
  enum Role { CITIZEN STAFF }
  type Query { events(filter: Filter, n: Int): Int }
`);
installScalarParsers(schema);

/** The message the gateway sends for `variables`, as Apollo Server's UserInputError carries it. */
function messagesFor(variables: Record<string, unknown>): string[] {
  const document = parse("query($f: Filter, $n: Int) { events(filter: $f, n: $n) }");
  const definition = document.definitions[0] as OperationDefinitionNode;
  const { errors } = getVariableValues(schema, definition.variableDefinitions ?? [], variables);
  return (errors ?? []).map((error) => {
    const wrapped = new GraphQLError(error.message, {
      nodes: error.nodes,
      originalError: error.originalError ?? error,
    });
    return withoutRefusedValue(wrapped.message, wrapped);
  });
}

describe("variable errors without the values sent", () => {
  it("drops the value from the prefix and from the reason, keeping the path", () => {
    const SECRET = 'Jeanne Dupont; jeanne.dupont@example.org at "f"';
    const messages = messagesFor({
      f: { from: SECRET, tags: ["ok", 12], role: SECRET },
      n: SECRET,
    });
    expect(messages).toEqual([
      'Variable "$f" got invalid value at "f.from"; Date invalide (format attendu AAAA-MM-JJ, par exemple 2026-11-28).',
      'Variable "$f" got invalid value at "f.tags[1]"; String cannot represent a non string value.',
      'Variable "$f" got invalid value at "f.role"; Value does not exist in "Role" enum.',
      'Variable "$n" got invalid value; Int cannot represent non-integer value.',
    ]);
  });

  it("refuses out-of-range and impossible dates, accepts real ones", () => {
    for (const from of ["-271821-04-20", "2026-02-30", "+275760-09-13", "0000-01-01"])
      expect(messagesFor({ f: { from } }), from).toHaveLength(1);
    expect(messagesFor({ f: { from: "2026-11-28" } })).toEqual([]);
  });

  it("keeps reasons about the shape, which name no value", () => {
    expect(valueFreeReason('Field "categoryCode" of required type "String!" was not provided.')).toBe(
      'Field "categoryCode" of required type "String!" was not provided.',
    );
  });
});

describe("JSON values", () => {
  const jsonSchema = buildSchema("scalar JSON\ntype Query { save(v: JSON): Int }");
  installScalarParsers(jsonSchema);
  const errorsFor = (v: unknown) => {
    const document = parse("query($v: JSON) { save(v: $v) }");
    const definition = document.definitions[0] as OperationDefinitionNode;
    return getVariableValues(jsonSchema, definition.variableDefinitions ?? [], { v }).errors ?? [];
  };
  const nested = (depth: number) => {
    let value: unknown = "x";
    for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
    return value;
  };

  // Outside probe, round 2: a 5,000-deep value overflowed JSON.stringify in a command (INTERNAL_SERVER_ERROR).
  it("refuses a value nested deeper than JSON_MAX_DEPTH as BAD_USER_INPUT, at the gateway", () => {
    const [error] = errorsFor(nested(5000));
    expect(error?.message).toMatch(/JSON invalide/);
    expect((error?.originalError as GraphQLError | undefined)?.extensions.code).toBe("BAD_USER_INPUT");
    expect(errorsFor(nested(JSON_MAX_DEPTH + 1))).toHaveLength(1);
  });

  it("accepts ordinary values", () => {
    expect(errorsFor(nested(JSON_MAX_DEPTH))).toEqual([]);
    expect(errorsFor({ quartier: "neudorf", page: { first: 10 }, tags: ["a", "b"] })).toEqual([]);
  });
});
