// Every subgraph of Parvis. The gateway runs them in-process, `npm run start:subgraph -- <name>` runs one alone,
// and `npm run compose` composes their schemas into schema/supergraph.graphql.

import type { SubgraphName } from "../platform/config.ts";
import type { AnySubgraphModule } from "../platform/subgraphServer.ts";
import { budget } from "./budget/server.ts";
import { comments } from "./comments/server.ts";
import { directory } from "./directory/server.ts";
import { identity } from "./identity/server.ts";
import { notifications } from "./notifications/server.ts";
import { opendata } from "./opendata/server.ts";
import { participation } from "./participation/server.ts";
import { petitions } from "./petitions/server.ts";
import { reports } from "./reports/server.ts";
import { staff } from "./staff/server.ts";

export const SUBGRAPHS: readonly AnySubgraphModule[] = [
  identity,
  directory,
  budget,
  reports,
  petitions,
  staff,
  notifications,
  comments,
  opendata,
  participation,
];

export function subgraphByName(name: string): AnySubgraphModule | undefined {
  return SUBGRAPHS.find((module) => module.name === (name as SubgraphName));
}

/** Subgraphs whose schema defines the internal mutation `name` (a platform convention). */
function subgraphsWithMutation(name: string): SubgraphName[] {
  return SUBGRAPHS.filter((module) =>
    module.typeDefs.definitions.some(
      (definition) =>
        (definition.kind === "ObjectTypeDefinition" || definition.kind === "ObjectTypeExtension") &&
        definition.name.value === "Mutation" &&
        definition.fields?.some((field) => field.name.value === name),
    ),
  ).map((module) => module.name as SubgraphName);
}

/** Subgraphs that hold personal data: they implement the `_eraseAccountData` mutation of the erasure convention. */
export function subgraphsHoldingPersonalData(): SubgraphName[] {
  return subgraphsWithMutation("_eraseAccountData");
}

/** Subgraphs with retention rules: they implement the `_applyRetention` mutation of the retention convention. */
export function subgraphsWithRetention(): SubgraphName[] {
  return subgraphsWithMutation("_applyRetention");
}

/** Subgraphs that emit domain events: they expose the outbox port (`_claimEvents`, platform/outboxResolvers.ts). */
export function subgraphsWithOutbox(): SubgraphName[] {
  return subgraphsWithMutation("_claimEvents");
}
