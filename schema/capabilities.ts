// What `npm run compose` writes beside the supergraph for the platform's own parts: schema/capabilities.json
// (platform/capabilities.ts says who reads it and why), read from the subgraphs' SDL and manifests.
import type { DocumentNode } from "graphql";
import { cacheHintsFromTypeDefs } from "../gateway/responseCache/policy.ts";
import {
  type CacheHintJson,
  type Capabilities,
  definesMutation,
  definesType,
} from "../platform/capabilities.ts";
import type { SubgraphManifest } from "../platform/manifest.ts";
import type { AnySubgraphModule } from "../platform/subgraphServer.ts";

type Described = Pick<SubgraphManifest, "name" | "partnerEvents"> & { module: AnySubgraphModule };

function sortedRecord(map: ReadonlyMap<string, CacheHintJson>): Record<string, CacheHintJson> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function capabilitiesOf(subgraphs: readonly Described[]): Capabilities {
  const having = (test: (typeDefs: DocumentNode) => boolean) =>
    subgraphs.filter((subgraph) => test(subgraph.module.typeDefs)).map((subgraph) => subgraph.name);
  const hints = cacheHintsFromTypeDefs(subgraphs.map((subgraph) => subgraph.module.typeDefs));
  return {
    subgraphs: subgraphs.map((subgraph) => subgraph.name),
    personalData: having((typeDefs) => definesMutation(typeDefs, "_eraseAccountData")),
    export: having((typeDefs) => definesType(typeDefs, "PersonalDataExport")),
    retention: having((typeDefs) => definesMutation(typeDefs, "_applyRetention")),
    outbox: having((typeDefs) => definesMutation(typeDefs, "_claimEvents")),
    partnerEvents: Object.assign({}, ...subgraphs.map((subgraph) => subgraph.partnerEvents ?? {})),
    cacheHints: { types: sortedRecord(hints.types), fields: sortedRecord(hints.fields) },
  };
}

/** The file's text: stable (sorted hints, two-space JSON, one final newline), so that staleness is a diff. */
export function capabilitiesJson(subgraphs: readonly Described[]): string {
  return `${JSON.stringify(capabilitiesOf(subgraphs), null, 2)}\n`;
}
