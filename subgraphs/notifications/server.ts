// The notifications subgraph (issue 11): what citizens follow, partners' webhook subscriptions, and the delivery
// worker of every subgraph's outbox (started with its services; see worker.ts and README.md).
import type { SubgraphModule } from "../../platform/subgraphServer.ts";
import { loadTypeDefs } from "../../platform/subgraphServer.ts";
import { type NotificationStore, sqlNotificationStore } from "./adapters/sqlNotificationStore.ts";
import { permissions } from "./permissions.ts";
import { resolvers } from "./resolvers/index.ts";
import { notificationWorkerEnabled, startNotificationWorker } from "./worker.ts";

export interface NotificationsServices {
  store: NotificationStore;
  stopWorker: (() => Promise<void>) | null;
}

export const notifications: SubgraphModule<{ store: NotificationStore }, NotificationsServices> = {
  name: "notifications",
  typeDefs: loadTypeDefs(import.meta.url, { shared: ["problem", "accountErasure"] }),
  resolvers,
  permissions,
  createServices: (deps) => ({
    store: sqlNotificationStore(deps.db),
    stopWorker: notificationWorkerEnabled(deps) ? startNotificationWorker(deps) : null,
  }),
  createLoaders: (_deps, _caller, services) => ({ store: services.store }),
  stopServices: async (services) => {
    await services.stopWorker?.();
  },
};
