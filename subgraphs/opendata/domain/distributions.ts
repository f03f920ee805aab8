// The files a dataset is offered as, and their URLs under /open-data.
import type { DatasetDefinition } from "./catalog.ts";

export type Format = "csv" | "json" | "geojson";

export const MEDIA_TYPES: Record<Format, string> = {
  csv: "text/csv",
  json: "application/json",
  geojson: "application/geo+json",
};

/** CSV and JSON for every dataset, GeoJSON for those with geometry. */
export function formatsOf(dataset: DatasetDefinition): Format[] {
  return dataset.geometry ? ["csv", "json", "geojson"] : ["csv", "json"];
}

export const OPEN_DATA_PATH = "/open-data";

export function downloadPath(dataset: DatasetDefinition, format: Format): string {
  return `${OPEN_DATA_PATH}/datasets/${dataset.id}.${format}`;
}

export function dataPackagePath(dataset?: DatasetDefinition): string {
  return dataset
    ? `${OPEN_DATA_PATH}/datasets/${dataset.id}/datapackage.json`
    : `${OPEN_DATA_PATH}/datapackage.json`;
}
