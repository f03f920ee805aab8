// The sweep of photo uploads never attached to a report: every REPORTS_UPLOAD_SWEEP_SECONDS (0 = never), the
// composition root's process asks the reports subgraph, as the system caller, to purge the expired uploads
// (`_purgeExpiredReportPhotoUploads`: their rows), then deletes their files. One run at a time; a failed run is
// retried at the next tick.
import { SYSTEM } from "../../../platform/caller.ts";
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { SubgraphJob } from "../../../platform/manifest.ts";
import { localDiskPhotoStorage } from "../adapters/localDiskPhotoStorage.ts";
import type { PhotoStorage } from "../ports/photoStorage.ts";
import { reportsSettings } from "../settings.ts";

const PURGE = /* GraphQL */ `mutation PurgeUploads { _purgeExpiredReportPhotoUploads }`;

/** Deletes uploads never attached before their expiry (rows through the API, then their files). */
export async function sweepExpiredUploads(client: InternalClient, storage: PhotoStorage): Promise<number> {
  const { _purgeExpiredReportPhotoUploads: ids } = await client.request<{
    _purgeExpiredReportPhotoUploads: string[];
  }>("reports", PURGE, {}, { caller: SYSTEM });
  for (const id of ids) await storage.delete(id);
  return ids.length;
}

export const uploadSweepJob: SubgraphJob = {
  name: "report-photo-upload-sweep",
  start({ config, log: parent, client }) {
    const settings = reportsSettings(config);
    if (settings.uploadSweepSeconds <= 0) return () => {};
    const log = parent.child({ component: "reports-http" });
    const storage = localDiskPhotoStorage(settings.photoDir);
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        const purged = await sweepExpiredUploads(client, storage);
        if (purged > 0) log.info({ purged }, "expired photo uploads purged");
      } catch (error) {
        log.warn({ error: (error as Error).name }, "purge of expired photo uploads failed; retried next run");
      } finally {
        running = false;
      }
    }, settings.uploadSweepSeconds * 1000);
    timer.unref();
    return () => clearInterval(timer);
  },
};
