// Federation needs every subgraph that returns a value type (`Problem`, `PageInfo`, `Ledger`, `GeoPoint`, …) to
// declare it, identically and @shareable. The repetition is inherent; drift is not: this fails as soon as two
// subgraphs describe or shape one of them differently (entities, which each subgraph extends with its own fields,
// and the root types are exempt; cache hints may differ, they are each subgraph's own business).
import { type DefinitionNode, type DirectiveNode, Kind, print, visit } from "graphql";
import { describe, expect, it } from "vitest";
import { loadSubgraphModules } from "../../subgraphs/registry.ts";

const SUBGRAPHS = await loadSubgraphModules();

const ROOTS = new Set(["Query", "Mutation", "Subscription"]);

function isEntity(definition: DefinitionNode): boolean {
  return "directives" in definition && !!definition.directives?.some((d) => d.name.value === "key");
}

/** The definition as text, without @cacheControl hints. */
function shape(definition: DefinitionNode): string {
  return print(
    visit(definition, {
      enter: (node) =>
        node.kind === Kind.DIRECTIVE && (node as DirectiveNode).name.value === "cacheControl"
          ? null
          : undefined,
    }),
  );
}

describe("types declared by several subgraphs", () => {
  const declared = new Map<string, { subgraph: string; text: string }[]>();
  for (const module of SUBGRAPHS) {
    for (const definition of module.typeDefs.definitions) {
      if (!("name" in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION)
        continue;
      if (definition.kind.endsWith("Extension")) continue;
      const name = definition.name.value;
      if (ROOTS.has(name) || isEntity(definition)) continue;
      declared.set(name, [...(declared.get(name) ?? []), { subgraph: module.name, text: shape(definition) }]);
    }
  }
  const shared = [...declared].filter(([, copies]) => copies.length > 1);

  it("exist (the check below checks something)", () => {
    expect(shared.map(([name]) => name)).toEqual(expect.arrayContaining(["Problem", "PageInfo", "Ledger"]));
  });

  it.each(shared)("%s is the same in every subgraph that declares it", (_name, copies) => {
    const [first] = copies;
    for (const copy of copies)
      expect({ subgraph: copy.subgraph, text: copy.text }).toEqual({
        subgraph: copy.subgraph,
        text: first?.text,
      });
  });
});
