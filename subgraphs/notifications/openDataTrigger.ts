// Domain events that change published open data (petitions, participatory budget, reports, the publication of a
// consultation's results) tell the opendata subgraph, whose publication to the city's portal follows once they stop
// arriving (its debounce). Best effort: the daily publication catches up whatever a lost signal missed, so a failure
// here never fails a delivery.
import type { InternalClient } from "../../platform/internalClient.ts";
import type { Logger } from "../../platform/logger.ts";
import type { OutboxEvent } from "./relay.ts";

/** Event types, or prefixes of them, that change a dataset (other participation events change none). */
const PUBLISHED_PREFIXES = ["petition.", "budget.", "report.", "participation.results_published"];
const CHANGED = /* GraphQL */ `mutation OpenDataChanged($eventType: String!) { _openDataChanged(eventType: $eventType) }`;

export function withOpenDataTrigger(
  dispatch: (event: OutboxEvent) => Promise<void>,
  internal: InternalClient,
  log: Logger,
): (event: OutboxEvent) => Promise<void> {
  return async (event) => {
    await dispatch(event);
    if (!PUBLISHED_PREFIXES.some((prefix) => event.type.startsWith(prefix))) return;
    internal
      .request("opendata", CHANGED, { eventType: event.type })
      .catch((error) =>
        log.warn({ err: (error as Error).message, type: event.type }, "open-data trigger failed"),
      );
  };
}
