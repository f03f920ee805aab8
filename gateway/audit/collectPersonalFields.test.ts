import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { collectPersonalFields } from "./collectPersonalFields.ts";

const schema = buildSchema(`
  type Query { account(id: ID!): Account, accounts: [Account!]!, search: [Result!]!, contacts: [[Contact]] }
  type Account { id: ID!, profile: Profile, displayName: String }
  type Profile { email: String, givenName: String }
  type Contact { email: String }
  type Place { name: String, email: String }
  union Result = Account | Place
`);
const PERSONAL = new Set(["Account.profile", "Account.displayName", "Profile.email", "Contact.email"]);

function collect(query: string, data: unknown) {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === "OperationDefinition");
  if (operation?.kind !== "OperationDefinition") throw new Error("no operation");
  return Object.fromEntries(collectPersonalFields(schema, document, operation, data, PERSONAL));
}

describe("personal fields in a response", () => {
  it("follows aliases and named fragments, and counts only non-null values", () => {
    expect(
      collect(
        "query { a: account(id: 1) { ...F } b: account(id: 2) { ...F } } fragment F on Account { who: displayName profile { email } }",
        {
          a: { who: "Camille M.", profile: { email: "c@example.org" } },
          b: { who: null, profile: { email: null } },
        },
      ),
    ).toEqual({ "Account.displayName": 1, "Account.profile": 2, "Profile.email": 1 });
  });

  it("counts every item of lists, nested lists included", () => {
    expect(
      collect("{ accounts { profile { email } } contacts { email } }", {
        accounts: [{ profile: { email: "a@x" } }, { profile: null }, { profile: { email: "b@x" } }],
        contacts: [[{ email: "c@x" }, null], [{ email: "d@x" }]],
      }),
    ).toEqual({ "Account.profile": 2, "Profile.email": 2, "Contact.email": 2 });
  });

  it("uses __typename to tell union members apart, and over-reports when it is absent", () => {
    const query = "{ search { __typename ... on Account { displayName } ... on Place { name email } } }";
    expect(collect(query, { search: [{ __typename: "Place", name: "Médiathèque", email: "m@x" }] })).toEqual(
      {},
    );
    expect(collect(query, { search: [{ __typename: "Account", displayName: "Camille M." }] })).toEqual({
      "Account.displayName": 1,
    });
    // Without __typename a response key cannot be traced to its member: counted as personal if any member says so.
    expect(
      collect("{ search { ... on Account { email: displayName } ... on Place { email } } }", {
        search: [{ email: "x" }],
      }),
    ).toEqual({
      "Account.displayName": 1,
    });
  });

  it("ignores what was not returned and introspection", () => {
    expect(collect("{ account(id: 1) { profile { email } } }", { account: null })).toEqual({});
    expect(
      collect("{ __schema { types { name } } }", { __schema: { types: [{ name: "Account" }] } }),
    ).toEqual({});
    expect(collect("{ account(id: 1) { id } }", null)).toEqual({});
  });
});
