// The directory subgraph: communes, quartiers (more arrives with the directory issue).
import type { SubgraphModule } from "../kit/subgraphServer.ts";
import { loadTypeDefs } from "../kit/subgraphServer.ts";
import { createDirectoryLoaders } from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const directory: SubgraphModule = {
  name: "directory",
  typeDefs: loadTypeDefs(import.meta.url),
  resolvers,
  permissions,
  createLoaders: (deps) => createDirectoryLoaders(deps),
};
