// GeoJSON (RFC 7946) for maps: one Point Feature per report, with what a map shows and nothing about who
// reported. Coordinates are [longitude, latitude].
import type { CategoryRecord, ReportRecord } from "./model.ts";

export interface Feature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: Record<string, unknown>;
}

export interface FeatureCollection {
  type: "FeatureCollection";
  features: Feature[];
}

export function reportFeature(report: ReportRecord, category: CategoryRecord | null | undefined): Feature {
  return {
    type: "Feature",
    id: report.id,
    geometry: { type: "Point", coordinates: [report.lon, report.lat] },
    properties: {
      layer: "reports",
      id: report.id,
      status: report.status.toUpperCase(),
      categoryCode: category?.code ?? null,
      categoryName: category?.name ?? null,
      group: category?.groupName ?? null,
      supportCount: report.supportCount,
      createdAt: report.createdAt.toISOString(),
      updatedAt: report.updatedAt.toISOString(),
    },
  };
}

export function featureCollection(
  reports: readonly ReportRecord[],
  categories: ReadonlyMap<string, CategoryRecord>,
): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: reports.map((report) => reportFeature(report, categories.get(report.categoryId))),
  };
}
