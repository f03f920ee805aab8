// The directory subgraph: geography (communes, quartiers and their boundaries, point-in-polygon), organisations and
// the graph of their relations, places, citizen initiatives, the Strasbourg.eu agenda, the map across layers, and
// contributions. Fed by Strasbourg.eu and the open-data portal (see jobs/syncDirectory.ts and README.md).

import { withOutbox } from "../../platform/outboxResolvers.ts";
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import {
  createDirectoryLoaders,
  createDirectoryServices,
  type DirectoryLoaders,
  type DirectoryServices,
} from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const directory: SubgraphModule<DirectoryLoaders, DirectoryServices> = withOutbox({
  name: "directory",
  typeDefs: loadTypeDefs(import.meta.url, { shared: ["problem", "accountErasure", "cacheControl"] }),
  resolvers,
  permissions,
  createServices: createDirectoryServices,
  createLoaders: createDirectoryLoaders,
});
