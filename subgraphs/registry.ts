// Every subgraph of Parvis. The gateway runs them in-process, `npm run start:subgraph -- <name>` runs one alone,
// and `npm run compose` composes their schemas into schema/supergraph.graphql.

import { directory } from "./directory/server.ts";
import { identity } from "./identity/server.ts";
import type { SubgraphName } from "./kit/config.ts";
import type { SubgraphModule } from "./kit/subgraphServer.ts";

export const SUBGRAPHS: readonly SubgraphModule[] = [identity, directory];

export function subgraphByName(name: string): SubgraphModule | undefined {
  return SUBGRAPHS.find((module) => module.name === (name as SubgraphName));
}
