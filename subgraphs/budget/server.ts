// The budget subgraph: the participatory budget — campaigns with dated phases and envelopes, projects with the
// city's statuses, reviews by the services, ballots under rules, results recomputable from a public ledger, and
// the follow-up of winning projects. `createBudgetModule` takes a clock so benchmarks can run a campaign's whole
// calendar in seconds; the platform uses the real one.

import { withOutbox } from "../../platform/outboxResolvers.ts";
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import {
  type BudgetLoaders,
  type BudgetServices,
  createBudgetLoaders,
  createBudgetServices,
} from "./loaders.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";

export function createBudgetModule(
  options: { clock?: () => Date } = {},
): SubgraphModule<BudgetLoaders, BudgetServices> {
  const clock = options.clock ?? (() => new Date());
  return withOutbox({
    name: "budget",
    typeDefs: loadTypeDefs(import.meta.url, {
      shared: ["ledger", "problem", "accountErasure", "retentionReport", "pageInfo"],
    }),
    resolvers,
    permissions,
    createServices: (deps) => createBudgetServices(deps, clock),
    createLoaders: (deps, _caller, services) => createBudgetLoaders(deps, services),
  });
}

export const budget = createBudgetModule();
