// Scheduled job: asks MonStrasbourg.eu (through the identity subgraph) which known accounts were deleted there,
// and erases their personal data in every subgraph. Logs counts only, never an identifier.
import type { GraphQLDataSource } from "@apollo/gateway";
import type { Logger } from "../../subgraphs/kit/logger.ts";
import type { GatewayContext } from "../dataSources.ts";
import { eraseAccountEverywhere } from "./eraseAccountEverywhere.ts";
import { callAsSystem } from "./systemCall.ts";

export interface SyncResult {
  deletedUpstream: number;
  erased: number;
  failed: number;
}

export async function syncDeletedAccounts(
  dataSources: ReadonlyMap<string, GraphQLDataSource<GatewayContext>>,
  holders: ReadonlyMap<string, GraphQLDataSource<GatewayContext>>,
  log: Logger,
): Promise<SyncResult> {
  const identity = dataSources.get("identity");
  if (!identity) throw new Error("the identity subgraph is not configured");
  const { _accountsDeletedUpstream: deleted } = await callAsSystem<{ _accountsDeletedUpstream: string[] }>(
    identity,
    "{ _accountsDeletedUpstream }",
  );
  let erased = 0;
  let failed = 0;
  for (const accountId of deleted) {
    try {
      await eraseAccountEverywhere(accountId, holders);
      erased++;
    } catch (error) {
      failed++;
      log.warn(
        { err: (error as Error).message },
        "erasure of an account deleted upstream failed; retried next run",
      );
    }
  }
  const result = { deletedUpstream: deleted.length, erased, failed };
  log.info(result, "synchronisation of accounts deleted on MonStrasbourg.eu done");
  return result;
}

/** Runs the job every `intervalSeconds` (0 = never); one run at a time; returns a stop function. */
export function scheduleSyncDeletedAccounts(
  run: () => Promise<unknown>,
  intervalSeconds: number,
  log: Logger,
): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (error) {
      log.warn(
        { err: (error as Error).message },
        "synchronisation of deleted accounts failed; retried next run",
      );
    } finally {
      running = false;
    }
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
