// The delivery worker: one relay per emitting subgraph (those that expose the outbox port `_claimEvents`: the outbox
// list of schema/capabilities.json, written by `npm run compose`), each handing its events to the dispatcher (citizens through identity → Strasbourg.eu,
// partners through signed webhooks). It reads and writes only the notifications schema; everything about an
// outbox goes through the emitting subgraph's internal operations, as the system caller.
//
// Where it runs: inside `npm start` (single process, in-process calls), or as its own process in distributed mode
// (`npm run start:worker`, app/worker.ts, calls over HTTP). The notifications subgraph's
// own process in distributed mode does not run it unless NOTIFICATIONS_WORKER=true. Several workers side by side
// are safe (claims use FOR UPDATE SKIP LOCKED and leases). Off under NODE_ENV=test unless NOTIFICATIONS_WORKER=true
// (tests drive relays themselves).
import { loadCapabilities } from "../../platform/capabilities.ts";
import type { SubgraphName } from "../../platform/config.ts";
import type { SubgraphDeps } from "../../platform/context.ts";
import {
  deliveryReceipts,
  sqlNotificationStore,
  subscriptionSource,
} from "./adapters/sqlNotificationStore.ts";
import { createDispatcher } from "./dispatcher.ts";
import { withOpenDataTrigger } from "./openDataTrigger.ts";
import { createOutboxRelay, outboxCall, startRelayLoop } from "./relay.ts";

export function notificationWorkerEnabled(deps: Pick<SubgraphDeps, "config" | "internal">): boolean {
  return (
    deps.config.NOTIFICATIONS_WORKER ?? (deps.config.NODE_ENV !== "test" && deps.internal.mode !== "http")
  );
}

/** The emitting subgraphs, as composition found them (schema/capabilities.json). */
export async function outboxSources(): Promise<SubgraphName[]> {
  return loadCapabilities().outbox;
}

/** The dispatcher as the worker wires it (tests build the same one). */
export function createWorkerDispatcher(deps: SubgraphDeps) {
  const store = sqlNotificationStore(deps.db);
  return createDispatcher({
    identity: (query, variables) => deps.internal.request("identity", query, variables),
    subscriptions: subscriptionSource(deps.db),
    followers: (kind, id) => store.followers(kind, id),
    receipts: deliveryReceipts(deps.db),
    publicUrl: deps.config.PUBLIC_BASE_URL,
    webhookTimeoutMs: deps.config.WEBHOOK_TIMEOUT_MS,
    blockPrivateAddresses: deps.config.NODE_ENV === "production",
  });
}

export function startNotificationWorker(
  deps: SubgraphDeps,
  options: { sources?: readonly SubgraphName[] } = {},
): () => Promise<void> {
  const { config, log } = deps;
  const dispatch = withOpenDataTrigger(createWorkerDispatcher(deps), deps.internal, log);
  const receipts = deliveryReceipts(deps.db);
  const stops: (() => Promise<void>)[] = [];
  let stopped = false;
  const started = (async () => {
    const sources = options.sources ?? (await outboxSources());
    if (stopped) return;
    for (const source of sources) {
      const relay = createOutboxRelay(outboxCall(deps.internal, source), {
        source,
        leaseMs: config.OUTBOX_LEASE_MS,
        maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
        backoffBaseMs: config.OUTBOX_BACKOFF_BASE_MS,
        backoffMaxMs: config.OUTBOX_BACKOFF_MAX_MS,
      });
      const pass = () =>
        relay.runOnce(dispatch, {
          // Receipts are only needed while an event is in delivery; losing this cleanup is harmless (swept later).
          acknowledged: (event) =>
            receipts
              .forget(event.id)
              .catch((error) =>
                log.warn({ source, err: (error as Error).message }, "receipt cleanup failed"),
              ),
        });
      // Errors carry no personal data (event ids, codes, HTTP statuses); an event's own failures are in last_error.
      stops.push(
        startRelayLoop(pass, config.NOTIFICATIONS_WORKER_INTERVAL_MS, (error) =>
          log.warn({ source, err: (error as Error).message }, "outbox relay pass failed"),
        ),
      );
    }
    log.info({ sources }, "notification worker started");
  })().catch((error) => log.error({ err: (error as Error).message }, "notification worker did not start"));
  return async () => {
    stopped = true;
    await started;
    for (const stop of stops) await stop();
  };
}
