// The paths an unavailable subgraph's fetch is answered on: one per root field of a root fetch (aliases kept), one
// per entity and field of an entity fetch (only the fragment of that entity's type), fragments expanded.
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { pathsOfFetch } from "./unavailableSubgraph.ts";

describe("paths of a fetch", () => {
  it("names each root field of a root fetch by its response key", () => {
    const document = parse(
      "query { __typename petitions(first: 2) { totalCount } open: petitions(first: 1) { totalCount } ...Rules } fragment Rules on Query { petitionRules { minTitleLength } }",
    );
    expect(pathsOfFetch(document, undefined)).toEqual([["petitions"], ["open"], ["petitionRules"]]);
  });

  it("names each requested field of each entity, by its type", () => {
    const document = parse(
      "query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Quartier { participantCount } ... on Account { signedPetitionCount authored: authoredPetitionCount } } }",
    );
    const representations = [
      { __typename: "Quartier", id: "q1" },
      { __typename: "Account", id: "a1" },
    ];
    expect(pathsOfFetch(document, { representations })).toEqual([
      ["_entities", 0, "participantCount"],
      ["_entities", 1, "signedPetitionCount"],
      ["_entities", 1, "authored"],
    ]);
  });
});
