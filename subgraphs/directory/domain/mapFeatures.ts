// One map query across layers: the directory's own (places, initiatives, quartier boundaries) and those of other
// subgraphs (open reports, budget projects), fetched concurrently, only for the layers asked. A layer whose
// subgraph is missing or failing is left out of the FeatureCollection and reported as failed; the others are
// served. Points are clustered per layer when a layer has more of them in the box than the threshold.
import {
  clusterFeature,
  clusterFeatures,
  type Feature,
  type FeatureCollection,
  type GridCluster,
  round6,
} from "./clustering.ts";
import type { Box } from "./geometry.ts";

export const MAP_LAYERS = [
  "places",
  "initiatives",
  "quartiers",
  "reports",
  "budget_projects",
  "projects",
] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];

export interface LayerSummary {
  layer: MapLayerName;
  count: number;
  featureCount: number;
  clustered: boolean;
  truncated: boolean;
}

export interface LayerResult extends LayerSummary {
  features: Feature[];
}

/** A layer that could not be served: its subgraph is missing, failing, or answered something unusable. */
export class LayerUnavailable extends Error {
  override name = "LayerUnavailable";
  readonly layer: MapLayerName;
  readonly upstream: string;
  constructor(layer: MapLayerName, upstream: string, options?: { cause?: unknown }) {
    super(`map layer ${layer} unavailable (${upstream})`, options);
    this.layer = layer;
    this.upstream = upstream;
  }
}

export interface MapSettings {
  /** A layer with more points than this in the box is clustered. */
  clusterThreshold: number;
  /** Cells per side of the clustering grid. */
  grid: number;
  /** Points asked of another subgraph at most. */
  remoteLimit: number;
}

/** How the directory's point layers reach their storage: counts, points, or clusters grouped by the database. */
export interface LocalPointLayer<Row> {
  count(box: Box): Promise<number>;
  points(box: Box, limit: number): Promise<Row[]>;
  clusters(box: Box, grid: number): Promise<GridCluster[]>;
  toFeature(row: Row): Feature;
}

export async function localPointLayer<Row>(
  layer: MapLayerName,
  source: LocalPointLayer<Row>,
  box: Box,
  settings: MapSettings,
): Promise<LayerResult> {
  const count = await source.count(box);
  if (count <= settings.clusterThreshold) {
    const features = (await source.points(box, settings.clusterThreshold)).map((row) =>
      source.toFeature(row),
    );
    return { layer, count, featureCount: features.length, clustered: false, truncated: false, features };
  }
  const features = (await source.clusters(box, settings.grid)).map((cluster) =>
    cluster.count === 1 && cluster.single !== undefined
      ? source.toFeature(cluster.single as Row)
      : clusterFeature(layer, cluster),
  );
  return { layer, count, featureCount: features.length, clustered: true, truncated: false, features };
}

function isFeature(value: unknown): value is Feature {
  if (typeof value !== "object" || value === null) return false;
  const feature = value as Partial<Feature>;
  return (
    feature.type === "Feature" &&
    typeof feature.geometry === "object" &&
    feature.geometry !== null &&
    typeof feature.geometry.type === "string" &&
    Array.isArray(feature.geometry.coordinates)
  );
}

/** A FeatureCollection from another subgraph: features tagged with their layer, clustered when too many. */
export function remoteLayer(
  layer: MapLayerName,
  answer: unknown,
  box: Box,
  settings: MapSettings,
  upstream: string,
): LayerResult {
  const collection = answer as Partial<FeatureCollection> | null;
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new LayerUnavailable(layer, upstream);
  }
  const features = collection.features.filter(isFeature).map((feature) => ({
    ...feature,
    properties: { ...(feature.properties ?? {}), layer },
  }));
  const truncated = collection.features.length >= settings.remoteLimit;
  if (features.length <= settings.clusterThreshold) {
    return {
      layer,
      count: features.length,
      featureCount: features.length,
      clustered: false,
      truncated,
      features,
    };
  }
  const { clusters, others } = clusterFeatures(features, box, settings.grid);
  const grouped = [
    ...clusters.map((cluster) =>
      cluster.count === 1 && cluster.single ? (cluster.single as Feature) : clusterFeature(layer, cluster),
    ),
    ...others,
  ];
  return {
    layer,
    count: features.length,
    featureCount: grouped.length,
    clustered: true,
    truncated,
    features: grouped,
  };
}

export function pointFeature(
  layer: MapLayerName,
  id: string,
  lat: number,
  lon: number,
  properties: Record<string, unknown>,
): Feature {
  return {
    type: "Feature",
    id: `${layer}:${id}`,
    geometry: { type: "Point", coordinates: [round6(lon), round6(lat)] },
    properties: { layer, id, ...properties },
  };
}

/**
 * Runs the asked layers concurrently. Each entry of `results` is the layer's result or the LayerUnavailable
 * error that replaced it; the FeatureCollection holds the features of the layers that answered, in layer order.
 */
export async function collectMap(
  layers: readonly MapLayerName[],
  fetchLayer: (layer: MapLayerName) => Promise<LayerResult>,
): Promise<{ featureCollection: FeatureCollection; results: (LayerResult | LayerUnavailable)[] }> {
  const unique = [...new Set(layers)];
  const settled = await Promise.all(
    unique.map(async (layer) => {
      try {
        return await fetchLayer(layer);
      } catch (error) {
        if (error instanceof LayerUnavailable) return error;
        throw error;
      }
    }),
  );
  const features = settled.flatMap((result) => (result instanceof LayerUnavailable ? [] : result.features));
  return { featureCollection: { type: "FeatureCollection", features }, results: settled };
}
