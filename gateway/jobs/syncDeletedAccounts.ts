// Scheduled job: asks the identity subgraph to erase, in every subgraph, the accounts deleted on
// MonStrasbourg.eu (identity finds them through the synchronisation endpoint and orchestrates the erasure).
// Logs counts only, never an identifier.
import type { InternalClient } from "../../platform/internalClient.ts";
import type { Logger } from "../../platform/logger.ts";

export interface SyncResult {
  deletedUpstream: number;
  erased: number;
  failed: number;
}

export async function syncDeletedAccounts(client: InternalClient, log: Logger): Promise<SyncResult> {
  const { _syncDeletedAccounts: result } = await client.request<{ _syncDeletedAccounts: SyncResult }>(
    "identity",
    "mutation { _syncDeletedAccounts { deletedUpstream erased failed } }",
  );
  log.info(result, "synchronisation of accounts deleted on MonStrasbourg.eu done");
  return result;
}

/** Runs a job every `intervalSeconds` (0 = never), one run at a time; returns a stop function. */
export function schedule(
  run: () => Promise<unknown>,
  intervalSeconds: number,
  log: Logger,
  name: string,
): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (error) {
      log.warn({ job: name, err: (error as Error).message }, "scheduled job failed; retried next run");
    } finally {
      running = false;
    }
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
