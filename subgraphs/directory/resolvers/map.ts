// mapFeatures: every asked layer of a bounding box in one GeoJSON FeatureCollection. The directory's layers are
// read (or clustered) by the database; the layers of reports, budget and the city's projects (participation) come
// from those subgraphs concurrently. A
// layer that fails is left out and reported on its own path (`layers[i]`) as UPSTREAM_UNAVAILABLE: partial data,
// never a failed request.
import { parvisError } from "../../../platform/errors.ts";
import { type BoundingBoxInput, parseBoundingBox } from "../domain/area.ts";
import type { Feature } from "../domain/clustering.ts";
import type { Box } from "../domain/geometry.ts";
import {
  collectMap,
  type LayerResult,
  LayerUnavailable,
  localPointLayer,
  type MapLayerName,
  type MapSettings,
  pointFeature,
  remoteLayer,
} from "../domain/mapFeatures.ts";
import type { InitiativeRecord } from "../ports/initiativeStore.ts";
import type { PlaceRecord } from "../ports/placeStore.ts";
import { type Ctx, checked } from "./shared.ts";

const placeFeature = (place: PlaceRecord): Feature =>
  pointFeature("places", place.id, place.lat, place.lon, { name: place.name, kind: place.kind });

const initiativeFeature = (initiative: InitiativeRecord): Feature =>
  pointFeature("initiatives", initiative.id, initiative.lat ?? 0, initiative.lon ?? 0, {
    title: initiative.title,
    startsAt: initiative.startsAt.toISOString(),
    seekingVolunteers: initiative.volunteersWanted,
  });

const UPSTREAM_OF: Partial<Record<MapLayerName, string>> = {
  reports: "reports",
  budget_projects: "budget",
  projects: "participation",
};

async function fetchLayer(
  layer: MapLayerName,
  box: Box,
  settings: MapSettings,
  ctx: Ctx,
): Promise<LayerResult> {
  const now = new Date();
  switch (layer) {
    case "places":
      return localPointLayer(
        layer,
        {
          count: (b) => ctx.loaders.places.countInBox(b),
          points: (b, limit) => ctx.loaders.places.pointsInBox(b, limit),
          clusters: (b, grid) => ctx.loaders.places.clustersInBox(b, grid),
          toFeature: placeFeature,
        },
        box,
        settings,
      );
    case "initiatives":
      return localPointLayer(
        layer,
        {
          count: (b) => ctx.loaders.initiatives.countInBox(b, now),
          points: (b, limit) => ctx.loaders.initiatives.pointsInBox(b, now, limit),
          clusters: (b, grid) => ctx.loaders.initiatives.clustersInBox(b, now, grid),
          toFeature: initiativeFeature,
        },
        box,
        settings,
      );
    case "quartiers": {
      const quartiers = (await ctx.loaders.geography.quartiersInBox(box)).filter((q) => q.boundary !== null);
      const features: Feature[] = quartiers.map((quartier) => ({
        type: "Feature",
        id: `quartiers:${quartier.id}`,
        geometry: quartier.boundary as Feature["geometry"],
        properties: { layer, id: quartier.id, name: quartier.name, slug: quartier.slug },
      }));
      return {
        layer,
        count: features.length,
        featureCount: features.length,
        clustered: false,
        truncated: false,
        features,
      };
    }
    case "reports":
    case "budget_projects":
    case "projects": {
      const upstream = UPSTREAM_OF[layer] as string;
      const remote = ctx.loaders.services.mapLayers[layer];
      let answer: unknown;
      try {
        answer = await remote.features(
          { west: box.minLon, south: box.minLat, east: box.maxLon, north: box.maxLat },
          settings.remoteLimit,
        );
      } catch (error) {
        throw new LayerUnavailable(layer, upstream, { cause: error });
      }
      return remoteLayer(layer, answer, box, settings, upstream);
    }
  }
}

type Entry = LayerResult | LayerUnavailable;

export const mapResolvers = {
  Query: {
    async mapFeatures(_: unknown, args: { bbox: BoundingBoxInput; layers: MapLayerName[] }, ctx: Ctx) {
      const box = checked(() => parseBoundingBox(args.bbox, ctx.config.DIRECTORY_MAX_BBOX_DEGREES));
      const settings: MapSettings = {
        clusterThreshold: ctx.config.DIRECTORY_MAP_CLUSTER_THRESHOLD,
        grid: ctx.config.DIRECTORY_MAP_CLUSTER_GRID,
        remoteLimit: ctx.config.DIRECTORY_MAP_LAYER_LIMIT,
      };
      return collectMap(args.layers, (layer) => fetchLayer(layer, box, settings, ctx));
    },
  },
  MapFeatures: {
    // An Error in a list makes graphql-js null that item and report the error at its path (layers[i]).
    layers: (map: { results: Entry[] }) =>
      map.results.map((entry) =>
        entry instanceof LayerUnavailable
          ? parvisError(
              "UPSTREAM_UNAVAILABLE",
              `La couche ${entry.layer.toUpperCase()} est momentanément indisponible (service ${entry.upstream}).`,
              // `subgraph` as on every field a missing subgraph leaves null (gateway/unavailableSubgraph.ts): the
              // failing one, not the directory that reports it (Apollo's serviceName). Every map upstream is one.
              { upstream: entry.upstream, subgraph: entry.upstream, layer: entry.layer.toUpperCase() },
            )
          : entry,
      ),
  },
};
