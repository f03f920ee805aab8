// Composes every subgraph's SDL into the supergraph with @apollo/composition, in-process (no rover needed).
// Routing URLs written into the file are the distributed-mode defaults; Apollo Router and Hive Gateway
// override them from their own configuration, and the Parvis gateway never reads them.
import { composeServices } from "@apollo/composition";

import { loadConfig, type SubgraphName, subgraphUrl } from "../platform/config.ts";
import type { AnySubgraphModule } from "../platform/subgraphServer.ts";
import { loadSubgraphModules, MANIFESTS } from "../subgraphs/registry.ts";
import { capabilitiesJson } from "./capabilities.ts";

/** Every subgraph's module, loaded once (a tool: it reads their schemas). */
const SUBGRAPHS = await loadSubgraphModules();

export interface CompositionResult {
  supergraphSdl?: string;
  /** schema/capabilities.json: what the gateway and the worker need of the subgraphs (schema/capabilities.ts). */
  capabilitiesJson?: string;
  errors: string[];
  hints: string[];
}

export function composeSupergraph(): CompositionResult {
  // Defaults only: the committed file must not depend on whoever ran the command.
  const defaults = loadConfig({});
  const result = composeServices(
    SUBGRAPHS.map((module) => ({
      name: module.name,
      url: subgraphUrl(defaults, module.name as SubgraphName),
      typeDefs: module.typeDefs,
    })),
  );
  if (result.errors) return { errors: result.errors.map((error) => error.message), hints: [] };
  return {
    supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`,
    capabilitiesJson: capabilitiesJson(
      MANIFESTS.map((manifest, index) => ({ ...manifest, module: SUBGRAPHS[index] as AnySubgraphModule })),
    ),
    errors: [],
    hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`),
  };
}
