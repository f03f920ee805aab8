// The map layers other subgraphs own, read through their internal queries (never their tables), as the system
// caller: `_reportMapFeatures` on reports, `_budgetMapFeatures` on budget and `_participationMapFeatures` on
// participation (the city's projects), all
// (west, south, east, north, limit) → a GeoJSON FeatureCollection. Each goes through the resilience wrapper —
// a timeout so that a slow subgraph cannot hold the map, and a circuit breaker so that a missing one is not asked
// again on every request — without retries or cache: a map wants current data or nothing.
import type { Config, SubgraphName } from "../../../platform/config.ts";
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { Logger } from "../../../platform/logger.ts";
import { createUpstream } from "../../../platform/resilience/upstream.ts";
import type { RemoteMapLayer } from "../ports/upstreams.ts";

function remoteLayer(
  internal: InternalClient,
  subgraph: SubgraphName,
  field: string,
  config: Config,
  log: Logger,
): RemoteMapLayer {
  const upstream = createUpstream({
    name: `subgraph:${subgraph}:map`,
    timeoutMs: config.DIRECTORY_MAP_LAYER_TIMEOUT_MS,
    retries: 0,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 15_000 },
    log,
  });
  const query = `query DirectoryMapLayer($west: Float!, $south: Float!, $east: Float!, $north: Float!, $limit: Int!) {
    layer: ${field}(west: $west, south: $south, east: $east, north: $north, limit: $limit)
  }`;
  return {
    features: (box, limit) =>
      upstream.call(
        field,
        async () => (await internal.request<{ layer: unknown }>(subgraph, query, { ...box, limit })).layer,
        { idempotent: true },
      ),
  };
}

export function federatedMapLayers(deps: { internal: InternalClient; config: Config; log: Logger }) {
  return {
    reports: remoteLayer(deps.internal, "reports", "_reportMapFeatures", deps.config, deps.log),
    budget_projects: remoteLayer(deps.internal, "budget", "_budgetMapFeatures", deps.config, deps.log),
    projects: remoteLayer(deps.internal, "participation", "_participationMapFeatures", deps.config, deps.log),
  };
}
