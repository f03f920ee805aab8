// The record of publications (schema `opendata`): runs, and what the portal holds of each dataset.

export type PublicationTrigger = "daily" | "event" | "manual";
export type DatasetOutcome = "published" | "unchanged" | "failed";

export interface DatasetResult {
  datasetId: string;
  outcome: DatasetOutcome;
  rowCount: number | null;
  digest: string | null;
}

export interface PublicationRun {
  id: string;
  trigger: PublicationTrigger;
  status: "running" | "succeeded" | "failed";
  startedAt: Date;
  finishedAt: Date | null;
  results: DatasetResult[];
}

export interface PublishedDataset {
  datasetId: string;
  portalDatasetUid: string;
  portalResourceUid: string;
  digest: string;
  rowCount: number;
  publishedAt: Date;
  runId: string;
}

export interface PublicationStore {
  startRun(id: string, trigger: PublicationTrigger, at: Date): Promise<void>;
  finishRun(id: string, status: "succeeded" | "failed", results: DatasetResult[], at: Date): Promise<void>;
  recentRuns(limit: number): Promise<PublicationRun[]>;
  run(id: string): Promise<PublicationRun | null>;
  published(datasetId: string): Promise<PublishedDataset | null>;
  recordPublished(entry: PublishedDataset): Promise<void>;
}
