import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { collectRootFields } from "./rootFields.ts";

const keysOf = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error("no operation");
  return collectRootFields(document, operation).map((field) => `${field.responseKey}:${field.name}`);
};

describe("collectRootFields", () => {
  it("expands named and inline fragments, nested, and keeps one entry per response key", () => {
    expect(
      keysOf(`mutation {
        sign
        a: sign
        ...F
        ... on Mutation { b: sign ... { c: sign ...F } }
        sign
      }
      fragment F on Mutation { d: vote ...G }
      fragment G on Mutation { e: vote @skip(if: true) }`),
    ).toEqual(["sign:sign", "a:sign", "d:vote", "e:vote", "b:sign", "c:sign"]);
  });

  it("sees introspection fields as they are", () => {
    expect(keysOf("{ __schema { types { name } } ... on Query { me { id } } }")).toEqual([
      "__schema:__schema",
      "me:me",
    ]);
  });
});
