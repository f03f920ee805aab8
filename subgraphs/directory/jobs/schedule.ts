// When the directory synchronises (a job of its manifest): the composition root's process (app/main.ts) calls the
// directory's internal `_syncDirectory` mutation as the system caller — in-process or over HTTP alike, so that with
// several directory instances the job still runs once — a few seconds after start (a fresh database gets its
// places and agenda), then every DIRECTORY_SYNC_INTERVAL_SECONDS (0 = never). One run at a time; a failed run is
// retried at the next tick.
import type { Logger } from "../../../platform/logger.ts";
import type { SubgraphJob } from "../../../platform/manifest.ts";

export const SYNC_DIRECTORY_MUTATION = /* GraphQL */ `
  mutation SyncDirectory { _syncDirectory { runs { source status fetched created updated unchanged deleted malformed } } }
`;

export function scheduleDirectorySync(
  run: () => Promise<unknown>,
  intervalSeconds: number,
  log: Logger,
  firstRunDelayMs = 5_000,
): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = (await run()) as { _syncDirectory?: { runs?: unknown[] } } | undefined;
      log.info(
        { job: "directory-sync", runs: result?._syncDirectory?.runs },
        "directory synchronisation done",
      );
    } catch (error) {
      log.warn(
        { job: "directory-sync", err: (error as Error).message },
        "directory synchronisation failed; retried next run",
      );
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), firstRunDelayMs);
  const timer = setInterval(() => void tick(), intervalSeconds * 1000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

export const directorySyncJob: SubgraphJob = {
  name: "directory-sync",
  start: ({ client, config, log }) =>
    scheduleDirectorySync(
      () => client.request("directory", SYNC_DIRECTORY_MUTATION),
      config.DIRECTORY_SYNC_INTERVAL_SECONDS,
      log,
    ),
};
