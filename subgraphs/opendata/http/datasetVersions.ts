// Each dataset's current version: a digest of its rows (the ETag) and when this process first saw that digest (the
// Last-Modified). A restart moves Last-Modified forward, never back: clients then download once more, nothing
// stale is ever served as current. The ETag alone is exact across processes.
import { createHash } from "node:crypto";
import type { Row } from "../domain/catalog.ts";

export interface DatasetVersion {
  digest: string;
  since: Date;
}

export class DatasetVersions {
  private readonly versions = new Map<string, DatasetVersion>();
  private readonly clock: () => Date;
  constructor(clock: () => Date = () => new Date()) {
    this.clock = clock;
  }

  /** Records the rows just read and returns the version they are. */
  observe(datasetId: string, rows: readonly Row[]): DatasetVersion {
    const digest = createHash("sha256").update(JSON.stringify(rows)).digest("base64url").slice(0, 27);
    const known = this.versions.get(datasetId);
    if (known?.digest === digest) return known;
    // Each version gets a later second than the one before: two versions seen within one second must not share a
    // Last-Modified, or a client validating with If-Modified-Since alone would be told its old copy is current
    // (found by an outside probe with curl -z). The new second may be up to one second ahead of the clock.
    const second = Math.floor(this.clock().getTime() / 1000) * 1000;
    const after = known ? known.since.getTime() + 1000 : second;
    const version = { digest, since: new Date(Math.max(second, after)) };
    this.versions.set(datasetId, version);
    return version;
  }

  modified(datasetId: string): string | undefined {
    return this.versions.get(datasetId)?.since.toISOString();
  }
}
