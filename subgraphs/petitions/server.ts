// The petitions subgraph: citizen petitions, signatures counted exactly once, and their verifiable ledger.

import { withOutbox } from "../../platform/outboxResolvers.ts";
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import {
  createPetitionLoaders,
  createPetitionServices,
  type PetitionLoaders,
  type PetitionServices,
} from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const petitions: SubgraphModule<PetitionLoaders, PetitionServices> = withOutbox({
  name: "petitions",
  typeDefs: loadTypeDefs(import.meta.url, {
    shared: ["ledger", "problem", "accountErasure", "pageInfo", "cacheControl"],
  }),
  resolvers,
  permissions,
  createServices: createPetitionServices,
  createLoaders: createPetitionLoaders,
});
