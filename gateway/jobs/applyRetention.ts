// Scheduled job: applies every subgraph's retention rules (configuration, e.g. reporters' contact details removed
// some months after resolution) through its internal `_applyRetention` mutation. Logs counts only.
import type { GraphQLDataSource } from "@apollo/gateway";
import type { Logger } from "../../platform/logger.ts";
import { subgraphsWithRetention } from "../../subgraphs/registry.ts";
import type { GatewayContext } from "../dataSources.ts";
import { callAsSystem } from "./systemCall.ts";

export interface RetentionReport {
  subgraph: string;
  rule: string;
  removed: number;
}

export async function applyRetention(
  dataSources: ReadonlyMap<string, GraphQLDataSource<GatewayContext>>,
  log: Logger,
): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const name of subgraphsWithRetention()) {
    const dataSource = dataSources.get(name);
    if (!dataSource) continue;
    try {
      const data = await callAsSystem<{ _applyRetention: RetentionReport[] }>(
        dataSource,
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
