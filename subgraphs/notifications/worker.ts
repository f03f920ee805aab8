// The delivery worker: one relay per emitting subgraph's outbox (NOTIFICATIONS_OUTBOX_SCHEMAS), each handing its
// events to the dispatcher (citizens through identity → Strasbourg.eu, partners through signed webhooks).
// It starts with the notifications subgraph's services: inside `npm start` (single process) and inside the
// notifications subgraph's own process in distributed mode — the same code path. Several instances are safe
// (claims use FOR UPDATE SKIP LOCKED). Off under NODE_ENV=test unless NOTIFICATIONS_WORKER=true (tests drive it).
import type { SubgraphDeps } from "../kit/context.ts";
import { sqlNotificationStore, subscriptionSource } from "./adapters/sqlNotificationStore.ts";
import { createDispatcher } from "./dispatcher.ts";
import { createOutboxRelay, startRelayLoop } from "./relay.ts";

export function notificationWorkerEnabled(deps: Pick<SubgraphDeps, "config">): boolean {
  return deps.config.NOTIFICATIONS_WORKER ?? deps.config.NODE_ENV !== "test";
}

export function startNotificationWorker(deps: SubgraphDeps): () => Promise<void> {
  const { config, log } = deps;
  const store = sqlNotificationStore(deps.db);
  const dispatch = createDispatcher({
    identity: (query, variables) => deps.internal.request("identity", query, variables),
    subscriptions: subscriptionSource(deps.db),
    followers: (kind, id) => store.followers(kind, id),
    publicUrl: config.PUBLIC_BASE_URL,
    webhookTimeoutMs: config.WEBHOOK_TIMEOUT_MS,
  });
  const stops = config.NOTIFICATIONS_OUTBOX_SCHEMAS.map((schema) => {
    const relay = createOutboxRelay(deps.db, {
      schema,
      leaseMs: config.OUTBOX_LEASE_MS,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      backoffBaseMs: config.OUTBOX_BACKOFF_BASE_MS,
      backoffMaxMs: config.OUTBOX_BACKOFF_MAX_MS,
    });
    // Errors carry no personal data (event ids, HTTP statuses); the event's own failures are in last_error.
    return startRelayLoop(relay, dispatch, config.NOTIFICATIONS_WORKER_INTERVAL_MS, (error) =>
      log.warn({ schema, err: (error as Error).message }, "outbox relay pass failed"),
    );
  });
  log.info({ schemas: config.NOTIFICATIONS_OUTBOX_SCHEMAS }, "notification worker started");
  return async () => {
    for (const stop of stops) await stop();
  };
}
