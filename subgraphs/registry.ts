// Every subgraph of Parvis. The gateway runs them in-process, `npm run start:subgraph -- <name>` runs one alone,
// and `npm run compose` composes their schemas into schema/supergraph.graphql.

import { directory } from "./directory/server.ts";
import { identity } from "./identity/server.ts";
import type { SubgraphName } from "./kit/config.ts";
import type { AnySubgraphModule } from "./kit/subgraphServer.ts";

export const SUBGRAPHS: readonly AnySubgraphModule[] = [identity, directory];

export function subgraphByName(name: string): AnySubgraphModule | undefined {
  return SUBGRAPHS.find((module) => module.name === (name as SubgraphName));
}

/** Subgraphs that hold personal data: they implement the `_eraseAccountData` mutation of the erasure convention. */
export function subgraphsHoldingPersonalData(): string[] {
  return SUBGRAPHS.filter((module) =>
    module.typeDefs.definitions.some(
      (definition) =>
        (definition.kind === "ObjectTypeDefinition" || definition.kind === "ObjectTypeExtension") &&
        definition.name.value === "Mutation" &&
        definition.fields?.some((field) => field.name.value === "_eraseAccountData"),
    ),
  ).map((module) => module.name);
}
