import { buildSchema, type OperationDefinitionNode, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { cacheHintsFromTypeDefs, operationPolicy } from "./policy.ts";

const DIRECTIVES = `
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean)
    on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  enum CacheControlScope { PUBLIC PRIVATE }
`;

// Two "subgraphs": the second hints a shared type more strictly and adds a field to it.
const SUBGRAPH_A = `${DIRECTIVES}
  type Query {
    places(first: Int): PlaceConnection! @cacheControl(maxAge: 300)
    place(id: ID!): Place @cacheControl(maxAge: 120)
    rules: Rules!
    search: [Result!]! @cacheControl(maxAge: 50)
    me: Person @cacheControl(maxAge: 60, scope: PRIVATE)
    inherits: Rules @cacheControl(inheritMaxAge: true)
  }
  type PlaceConnection @cacheControl(inheritMaxAge: true) { edges: [PlaceEdge!]! totalCount: Int! }
  type PlaceEdge @cacheControl(inheritMaxAge: true) { node: Place! }
  type Place @cacheControl(maxAge: 600) {
    id: ID!
    name: String!
    visits: Int! @cacheControl(maxAge: 10)
    viewerLikes: Boolean! @cacheControl(scope: PRIVATE)
    owner: Person
    point: Point
  }
  type Point @cacheControl(inheritMaxAge: true) { lat: Float! }
  type Person { name: String! }
  type Rules { max: Int! }
  type Event @cacheControl(maxAge: 90) { id: ID! }
  union Result @cacheControl(maxAge: 100) = Place | Event
`;
const SUBGRAPH_B = `${DIRECTIVES}
  type Place @cacheControl(maxAge: 200) { id: ID! }
`;

const schema = buildSchema(`${SUBGRAPH_A}`);
const hints = cacheHintsFromTypeDefs([parse(SUBGRAPH_A), parse(SUBGRAPH_B)]);

function policyOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d) => d.kind === "OperationDefinition",
  ) as OperationDefinitionNode;
  return operationPolicy(schema, document, operation, hints);
}

describe("response cache policy from @cacheControl hints", () => {
  it("takes the smallest maxAge met, the strictest of two subgraphs' hints, and lists the types selected", () => {
    expect(policyOf(`{ places { totalCount edges { node { id name point { lat } } } } }`)).toEqual({
      cacheable: true,
      maxAge: 200,
      types: ["Place", "PlaceConnection", "PlaceEdge", "Point"],
    });
    expect(policyOf(`{ place(id: "1") { name } }`)).toMatchObject({ cacheable: true, maxAge: 120 });
  });

  it("counts the hint of a scalar field, which otherwise inherits", () => {
    expect(policyOf(`{ places { edges { node { visits } } } }`)).toMatchObject({
      cacheable: true,
      maxAge: 10,
    });
  });

  it("refuses a missing hint, a private scope, a mutation, introspection and inheritance at the root", () => {
    for (const query of [
      `{ rules { max } }`,
      `{ place(id: "1") { owner { name } } }`,
      `{ place(id: "1") { viewerLikes } }`,
      `{ me { name } }`,
      `{ inherits { max } }`,
      `{ places { totalCount } __schema { queryType { name } } }`,
      `mutation { x }`,
    ]) {
      expect(policyOf(query).cacheable, query).toBe(false);
    }
  });

  it("follows fragments into their types, and counts an abstract type with its possible types", () => {
    const policy = policyOf(`
      query Q { search { __typename ... on Place { ...P } ... on Event { id } } }
      fragment P on Place { name visits }
    `);
    expect(policy).toEqual({ cacheable: true, maxAge: 10, types: ["Event", "Place", "Result"] });
    expect(policyOf(`{ search { ... on Place { owner { name } } } }`).cacheable).toBe(false);
  });
});
