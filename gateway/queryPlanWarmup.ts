// Query plans of the registered operations (schema/operations/manifest.json) computed at start-up, so that the first
// citizen to open a page after a deployment does not pay for planning (tens of milliseconds for the larger
// operations, measured in bench/README.md). The plans go into the gateway's own plan store under the key its
// executor looks up — sha256(queryHash ‖ operationName), queryHash being the sha256 of the document text, which is
// also the operation's id in the manifest — so a warmed request takes exactly the path of a repeated one.
//
// @apollo/gateway offers no public "plan this" call: this reads its `apiSchema`, `queryPlanner` and
// `queryPlanStore` members (stable across 2.x, checked at run time — if they ever change, warm-up is skipped with a
// warning and nothing else is affected).
import { createHash } from "node:crypto";
import { operationFromDocument, type Schema } from "@apollo/federation-internals";
import type { ApolloGateway } from "@apollo/gateway";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { parse } from "graphql";
import type { Logger } from "../platform/logger.ts";

interface GatewayInternals {
  apiSchema?: Schema;
  queryPlanner?: { buildQueryPlan(operation: unknown, options?: object): unknown };
  queryPlanStore?: KeyValueCache<unknown>;
}

export interface WarmableOperation {
  name: string;
  body: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The key @apollo/gateway's executor uses for a request's plan. */
export function queryPlanKey(body: string, operationName: string | undefined): string {
  const queryHash = sha256(body);
  return operationName
    ? createHash("sha256").update(queryHash).update(operationName).digest("hex")
    : queryHash;
}

export async function warmQueryPlans(
  gateway: ApolloGateway,
  operations: readonly WarmableOperation[],
  log: Logger,
): Promise<{ planned: number; failed: number; ms: number }> {
  const { apiSchema, queryPlanner, queryPlanStore } = gateway as unknown as GatewayInternals;
  if (!apiSchema || !queryPlanner || !queryPlanStore) {
    log.warn("query-plan warm-up skipped: this @apollo/gateway does not expose its planner");
    return { planned: 0, failed: 0, ms: 0 };
  }
  const started = performance.now();
  let planned = 0;
  let failed = 0;
  for (const operation of operations) {
    try {
      const document = parse(operation.body);
      const plan = queryPlanner.buildQueryPlan(
        operationFromDocument(apiSchema, document, { operationName: operation.name }),
        { recursiveSelectionsLimitDisabled: false, nonLocalSelectionsLimitDisabled: false },
      );
      await queryPlanStore.set(queryPlanKey(operation.body, operation.name), plan);
      planned++;
    } catch (error) {
      // A registered operation the schema no longer accepts: the request will say why; start-up goes on.
      failed++;
      log.warn(
        { operation: operation.name, err: (error as Error).message },
        "could not plan a registered operation",
      );
    }
  }
  const ms = Math.round(performance.now() - started);
  log.info({ planned, failed, ms }, "query plans of the registered operations warmed");
  return { planned, failed, ms };
}
