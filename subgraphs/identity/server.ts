// The identity subgraph: accounts (MonStrasbourg.eu sign-in, roles, verification).
import type { SubgraphModule } from "../kit/subgraphServer.ts";
import { loadTypeDefs } from "../kit/subgraphServer.ts";
import { createIdentityLoaders } from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const identity: SubgraphModule = {
  name: "identity",
  typeDefs: loadTypeDefs(import.meta.url),
  resolvers,
  permissions,
  createLoaders: (deps) => createIdentityLoaders(deps),
};
