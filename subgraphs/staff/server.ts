// The staff subgraph: saved investigations of the city services (run from /explorer) and the audit trail of staff
// and partner operations that returned personal data (written by the gateway, read by the DPO).
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import { createStaffLoaders, createStaffServices, type StaffLoaders, type StaffServices } from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export const staff: SubgraphModule<StaffLoaders, StaffServices> = {
  name: "staff",
  typeDefs: loadTypeDefs(import.meta.url, { shared: ["ledger", "problem", "accountErasure", "pageInfo"] }),
  resolvers,
  permissions,
  createServices: createStaffServices,
  createLoaders: (deps, _caller, services) => createStaffLoaders(deps, services),
};
