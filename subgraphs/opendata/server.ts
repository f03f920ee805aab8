// The open-data subgraph (issue 21): the datasets Parvis publishes (domain/catalog.ts), read from the subgraphs
// that own the data through their APIs, served by the /open-data routes (http/registerOpenDataRoutes.ts) and
// pushed to the city's Opendatasoft portal. See docs/open-data.md.
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";
import { createOpenDataServices, type OpenDataServices } from "./services.ts";

export const opendata: SubgraphModule<OpenDataServices, OpenDataServices> = {
  name: "opendata",
  typeDefs: loadTypeDefs(import.meta.url),
  resolvers,
  permissions,
  createServices: createOpenDataServices,
  createLoaders: (_deps, _caller, services) => services,
  stopServices: (services) => services.schedule.stop(),
};
