// Every registered operation (trusted documents of the front-end applications) is valid against the composed
// public schema, so a schema change that would break an application fails here first.
import { Supergraph } from "@apollo/federation-internals";
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { composeSupergraph } from "./composeSupergraph.ts";
import { buildManifest, CALLERS, registeredOperations } from "./operations.ts";

function composedApiSchema() {
  const result = composeSupergraph();
  if (!result.supergraphSdl) throw new Error(`composition failed:\n${result.errors.join("\n")}`);
  return Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema();
}

describe("registered operations (schema/operations/)", () => {
  const operations = buildManifest().operations;

  it("exist for the citizen app", () => {
    expect(operations.length).toBeGreaterThanOrEqual(10);
  });

  it("are all valid against the public schema", () => {
    const schema = composedApiSchema();
    const problems = operations.flatMap((operation) =>
      validate(schema, parse(operation.body)).map((error) => `${operation.name}: ${error.message}`),
    );
    expect(problems).toEqual([]);
  });

  it("each name their callers (`# callers: anonymous, resident…`), all known", () => {
    const problems = registeredOperations().flatMap(({ file, callers }) => [
      ...(callers.length ? [] : [`${file}: no "# callers:" line`]),
      ...callers
        .filter((caller) => !CALLERS.includes(caller))
        .map((caller) => `${file}: unknown caller ${caller}`),
    ]);
    expect(problems).toEqual([]);
  });

  it("have unique names", () => {
    const names = operations.map((operation) => operation.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
