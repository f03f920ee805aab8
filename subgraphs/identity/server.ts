// The identity subgraph: accounts (MonStrasbourg.eu sign-in, roles, verification).
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import {
  createIdentityLoaders,
  createIdentityServices,
  type IdentityLoaders,
  type IdentityServices,
} from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const identity: SubgraphModule<IdentityLoaders, IdentityServices> = {
  name: "identity",
  typeDefs: loadTypeDefs(import.meta.url, { shared: ["problem", "accountErasure", "retentionReport"] }),
  resolvers,
  permissions,
  createServices: createIdentityServices,
  createLoaders: (deps, _caller, services) => createIdentityLoaders(deps, services),
};
