// Scheduled job: applies every subgraph's retention rules (configuration, e.g. reporters' contact details removed
// some months after resolution) through its internal `_applyRetention` mutation (those that have one: the
// retention list of schema/capabilities.json). Logs counts only.
import { loadCapabilities } from "../../platform/capabilities.ts";
import type { InternalClient } from "../../platform/internalClient.ts";
import type { Logger } from "../../platform/logger.ts";

export interface RetentionReport {
  subgraph: string;
  rule: string;
  removed: number;
}

export async function applyRetention(client: InternalClient, log: Logger): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const name of loadCapabilities().retention) {
    try {
      const data = await client.request<{ _applyRetention: RetentionReport[] }>(
        name,
        "mutation { _applyRetention { subgraph rule removed } }",
      );
      reports.push(...data._applyRetention);
    } catch (error) {
      log.warn(
        { subgraph: name, err: (error as Error).message },
        "retention rules not applied; retried next run",
      );
    }
  }
  log.info(
    { rules: reports.length, removed: reports.reduce((sum, report) => sum + report.removed, 0) },
    "retention applied",
  );
  return reports;
}
