// Bookkeeping of synchronisations: one row per run and source, from which freshness is derived.
export type SyncStatus = "running" | "succeeded" | "partial" | "failed";

export interface SyncCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  malformed: number;
}

export interface Rejection {
  sourceId: string | null;
  reason: string;
}

export interface SyncRunRecord extends SyncCounts {
  id: string;
  source: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: SyncStatus;
  rejections: Rejection[] | null;
  error: string | null;
}

export interface FreshnessRecord {
  source: string;
  /** End of the last run that applied data (succeeded or partial). */
  lastSuccessAt: Date | null;
  lastAttemptAt: Date | null;
  lastAttemptFailed: boolean;
}

export interface SyncStore {
  start(source: string, at: Date): Promise<string>;
  finish(
    id: string,
    outcome: {
      status: Exclude<SyncStatus, "running">;
      counts: SyncCounts;
      rejections: Rejection[];
      error: string | null;
    },
    at: Date,
  ): Promise<SyncRunRecord>;
  recent(source: string | null, limit: number): Promise<SyncRunRecord[]>;
  freshness(sources: readonly string[]): Promise<FreshnessRecord[]>;
}
