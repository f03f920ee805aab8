// The reports subgraph: everyday problems in public space (signalements), routed to the responsible service and
// followed to resolution; open to partners through Open311 GeoReport v2 (http/open311/).

import { withOutbox } from "../../platform/outboxResolvers.ts";
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import {
  createReportsLoaders,
  createReportsServices,
  type ReportsLoaders,
  type ReportsServices,
} from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const reports: SubgraphModule<ReportsLoaders, ReportsServices> = withOutbox({
  name: "reports",
  typeDefs: loadTypeDefs(import.meta.url, {
    shared: ["problem", "accountErasure", "retentionReport", "pageInfo"],
  }),
  resolvers,
  permissions,
  createServices: createReportsServices,
  createLoaders: createReportsLoaders,
});
