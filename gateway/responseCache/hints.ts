// The @cacheControl hints of every subgraph of Parvis, read from their SDL (policy.ts says why not from the
// supergraph). Read once per process.
import { SUBGRAPHS } from "../../subgraphs/registry.ts";
import { type CacheHints, cacheHintsFromTypeDefs } from "./policy.ts";

let hints: CacheHints | undefined;

export function publicCacheHints(): CacheHints {
  hints ??= cacheHintsFromTypeDefs(SUBGRAPHS.map((module) => module.typeDefs));
  return hints;
}
