// One publication run: every dataset of the catalogue is read, written as CSV, and pushed to the portal when its
// file differs from the one the portal last received (same digest: nothing to do). What was pushed is recorded
// only once the portal accepted it, so a run that fails half-way is resumed by the next one: the datasets already
// published are unchanged and skipped, the others are found on the portal and updated, never created twice.
import { createHash } from "node:crypto";
import type { OpenDataPortal, PortalDatasetMetadata } from "../ports/portal.ts";
import type { DatasetResult, PublicationStore, PublicationTrigger } from "../ports/publicationStore.ts";
import { DATASETS, type DatasetDefinition, type Row } from "./catalog.ts";

export interface PublishDeps {
  rows: (datasetId: string) => Promise<Row[]>;
  renderCsv: (dataset: DatasetDefinition, rows: readonly Row[]) => Buffer;
  portal: OpenDataPortal;
  store: PublicationStore;
  metadata: (dataset: DatasetDefinition) => PortalDatasetMetadata;
  newId: () => string;
  clock: () => Date;
  /** Why a dataset failed, for the logs (never personal data: datasets hold none). */
  onFailure?: (datasetId: string, error: unknown) => void;
}

export interface PublishOutcome {
  runId: string;
  status: "succeeded" | "failed";
  results: DatasetResult[];
}

export function csvDigest(csv: Buffer): string {
  return createHash("sha256").update(csv).digest("base64url");
}

export async function publishDatasets(
  deps: PublishDeps,
  trigger: PublicationTrigger,
  datasets: readonly DatasetDefinition[] = DATASETS,
): Promise<PublishOutcome> {
  const runId = deps.newId();
  await deps.store.startRun(runId, trigger, deps.clock());
  const results: DatasetResult[] = [];
  for (const dataset of datasets) {
    let rowCount: number | null = null;
    let digest: string | null = null;
    try {
      const rows = await deps.rows(dataset.id);
      rowCount = rows.length;
      const csv = deps.renderCsv(dataset, rows);
      digest = csvDigest(csv);
      const known = await deps.store.published(dataset.id);
      if (known?.digest === digest) {
        results.push({ datasetId: dataset.id, outcome: "unchanged", rowCount, digest });
        continue;
      }
      const publication = await deps.portal.publish(dataset, deps.metadata(dataset), csv, known);
      await deps.store.recordPublished({
        datasetId: dataset.id,
        ...publication,
        digest,
        rowCount,
        publishedAt: deps.clock(),
        runId,
      });
      results.push({ datasetId: dataset.id, outcome: "published", rowCount, digest });
    } catch (error) {
      deps.onFailure?.(dataset.id, error);
      results.push({ datasetId: dataset.id, outcome: "failed", rowCount, digest });
    }
  }
  const status = results.some((result) => result.outcome === "failed") ? "failed" : "succeeded";
  await deps.store.finishRun(runId, status, results, deps.clock());
  return { runId, status, results };
}
