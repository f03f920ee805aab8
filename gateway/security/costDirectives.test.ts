// The cost directives are read from the composed supergraph (they are not in the API schema) and drive the cost
// estimate: @listSize's assumedSize and slicing arguments, @cost weights on fields, arguments and types.
import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { Supergraph } from "@apollo/federation-internals";
import { parse } from "graphql";
import { getComplexity } from "graphql-query-complexity";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.ts";
import { DEFAULT_PAGE_SIZE } from "../../platform/pagination.ts";
import { loadSupergraphSdl } from "../supergraph.ts";
import { costEstimator, readCostDirectives } from "./costDirectives.ts";

function costOf(supergraphSdl: string, query: string, variables: Record<string, unknown> = {}): number {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return getComplexity({
    schema,
    query: parse(query),
    variables,
    estimators: [costEstimator(readCostDirectives(supergraphSdl), DEFAULT_PAGE_SIZE)],
  });
}

describe("cost directives in the supergraph", () => {
  const supergraph = loadSupergraphSdl();

  it("are read from the supergraph by the names its @link gives them", () => {
    const directives = readCostDirectives(supergraph);
    expect(directives.fields.get("Query.reportCategories")?.listSize).toEqual({ assumedSize: 20 });
    expect(directives.fields.get("ReportCategory.attributes")?.listSize?.assumedSize).toBeGreaterThan(0);
  });

  it("size the lists bounded by data, and every paged connection by its `first`", () => {
    const directives = readCostDirectives(supergraph);
    const assumed = (coordinate: string) => directives.fields.get(coordinate)?.listSize?.assumedSize;
    expect(assumed("Commune.quartiers")).toBe(12); // Strasbourg's quartiers; the other communes have none
    expect(assumed("Account.roles")).toBe(5); // the Role enum
    expect(assumed("BudgetCampaign.phaseHistory")).toBe(6); // one step forward at a time through 6 phases
    expect(assumed("BudgetCampaign.envelopes")).toBe(13); // city-wide and one per quartier at most
    // One summary per layer at most: as many as the MapLayer enum has values (a new layer must raise it).
    const mapLayers = Supergraph.build(supergraph).schema.type("MapLayer");
    expect(assumed("MapFeatures.layers")).toBe(
      mapLayers && "values" in mapLayers ? mapLayers.values.length : Number.NaN,
    );
    const paged: string[] = [];
    for (const type of Supergraph.build(supergraph).schema.types()) {
      if (type.kind !== "ObjectType" && type.kind !== "InterfaceType") continue;
      for (const field of type.fields()) {
        const returned = field.type?.toString().replace(/!$/, "") ?? "";
        if (!returned.endsWith("Connection") || !field.argument("first")) continue;
        paged.push(field.coordinate);
        expect(directives.fields.get(field.coordinate)?.listSize, field.coordinate).toMatchObject({
          slicingArguments: ["first"],
          sizedFields: ["edges"],
        });
      }
    }
    expect(paged).toContain("Query.communes");
  });

  it("count a connection asked without `first` as the default page the subgraph answers, not one item", () => {
    const cost = (query: string) => costOf(supergraph, query);
    expect(cost("{ communes { edges { node { name } } } }")).toBe(
      cost(`{ communes(first: ${DEFAULT_PAGE_SIZE}) { edges { node { name } } } }`),
    );
    expect(cost("{ communes { edges { node { name } } } }")).toBeGreaterThan(
      cost("{ communes(first: 1) { edges { node { name } } } }"),
    );
  });

  it("keep the citizen app's report form (ReportCategories) within the anonymous budget", () => {
    const body = readFileSync(
      new URL("../../schema/operations/citizen-app/ReportCategories.graphql", import.meta.url),
      "utf8",
    );
    const cost = costOf(supergraph, body);
    expect(cost).toBeLessThanOrEqual(loadConfig({}).LIMIT_COST_ANONYMOUS);
    // Without the directives every list counts the default page of 20: the form would be refused.
    expect(costOf(supergraph.replace(/(\]!?) @listSize\([^)]*\)/g, "$1"), body)).toBeGreaterThan(
      loadConfig({}).LIMIT_COST_CITIZEN,
    );
  });
});

describe("the estimate", () => {
  const sdl = (fields: string) => `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@cost", "@listSize"])
    type Item @cost(weight: 3) { id: ID! tags: [String!]! @listSize(assumedSize: 2) }
    type Query { ${fields} }`;
  const compose = (fields: string) => {
    const result = composeServices([{ name: "a", url: "http://a", typeDefs: parse(sdl(fields)) }]);
    if (!result.supergraphSdl) throw new Error(String(result.errors));
    return result.supergraphSdl;
  };
  const supergraph = compose(`
    items(first: Int, last: Int @cost(weight: 5)): [Item!]! @listSize(slicingArguments: ["first", "last"], assumedSize: 50)
    plain: [Item!]!
    heavy: Int @cost(weight: 7)`);

  it("multiplies by the largest slicing argument given, else by assumedSize", () => {
    // items: weight 3 (its type's) + size × (id 1 + tags 1: a list of scalars selects nothing to multiply)
    expect(costOf(supergraph, "{ items(first: 4) { id tags } }")).toBe(3 + 4 * (1 + 1));
    expect(costOf(supergraph, "query($n: Int) { items(first: 2, last: $n) { id } }", { n: 6 })).toBe(
      3 + 5 + 6 * 1,
    );
    expect(costOf(supergraph, "{ items { id } }")).toBe(3 + 50 * 1);
  });

  it("keeps the default page size for a list without @listSize, and field weights", () => {
    expect(costOf(supergraph, "{ plain { id } }")).toBe(3 + DEFAULT_PAGE_SIZE * 1);
    expect(costOf(supergraph, "{ heavy }")).toBe(7);
  });
});
