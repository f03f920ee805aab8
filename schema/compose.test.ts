// The committed supergraph must be exactly what composition produces from the subgraphs' SDL, without errors.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SUPERGRAPH_PATH } from "../gateway/supergraph.ts";
import { CAPABILITIES_PATH } from "../platform/capabilities.ts";
import { SUBGRAPH_NAMES } from "../platform/config.ts";
import { MANIFESTS } from "../subgraphs/registry.ts";
import { composeSupergraph } from "./composeSupergraph.ts";

describe("schema/supergraph.graphql", () => {
  const result = composeSupergraph();

  it("composes without errors", () => {
    expect(result.errors).toEqual([]);
  });

  it("is up to date with the subgraphs (run `npm run compose` after changing a schema.graphql)", () => {
    expect(readFileSync(SUPERGRAPH_PATH, "utf8")).toBe(result.supergraphSdl);
  });

  it("writes schema/capabilities.json up to date with the subgraphs (run `npm run compose` after changing a schema.graphql)", () => {
    expect(readFileSync(CAPABILITIES_PATH, "utf8")).toBe(result.capabilitiesJson);
  });

  it("writes platform/subgraphNames.ts with the registry's names, in its order (run `npm run compose`)", () => {
    expect(readFileSync(new URL("../platform/subgraphNames.ts", import.meta.url), "utf8")).toBe(
      result.subgraphNamesTs,
    );
    expect(SUBGRAPH_NAMES).toEqual(MANIFESTS.map((manifest) => manifest.name));
  });

  it("names routing URLs for Apollo Router and Hive Gateway to override", () => {
    expect(result.supergraphSdl).toMatch(
      /@join__graph\(name: "identity", url: "http:\/\/localhost:4101\/graphql"\)/,
    );
  });
});
