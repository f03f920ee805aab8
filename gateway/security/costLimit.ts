// A cost budget per operation and per kind of caller: every field costs 1 (or its @cost weight), and a list
// multiplies the cost of what it selects by its size: its slicing argument (`first`), else the @listSize
// assumedSize its subgraph declares, else the default page of 20. Edges of a connection are not multiplied again.
// The directives are read from the supergraph (costDirectives.ts); the cost is computed with
// graphql-query-complexity once the operation and its variables are known.
import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, GraphQLError, type OperationDefinitionNode } from "graphql";
import { getComplexity } from "graphql-query-complexity";
import type { Config } from "../../platform/config.ts";
import { DEFAULT_PAGE_SIZE } from "../../platform/pagination.ts";
import type { GatewayContext } from "../dataSources.ts";
import { costEstimator, readCostDirectives } from "./costDirectives.ts";
import { LIMIT_MESSAGE } from "./operationLimits.ts";
import { rootFieldNames } from "./rootFields.ts";

function isIntrospectionOnly(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  return rootFieldNames(document, operation).every((name) => name.startsWith("__"));
}

export function budgetFor(config: Config, caller: GatewayContext["caller"]): number {
  if (caller.kind === "anonymous") return config.LIMIT_COST_ANONYMOUS;
  if (caller.kind === "citizen") return config.LIMIT_COST_CITIZEN;
  return config.LIMIT_COST_STAFF;
}

export function costLimitPlugin(config: Config, supergraphSdl: string): ApolloServerPlugin<GatewayContext> {
  const estimator = costEstimator(readCostDirectives(supergraphSdl), DEFAULT_PAGE_SIZE);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue, operation }) {
          // Introspection (GraphiQL's query nests lists four deep) is bounded by the schema itself, not by page
          // sizes; who may introspect is decided by trustedDocumentsPlugin.
          if (operation && isIntrospectionOnly(document, operation)) return;
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              ...(request.operationName ? { operationName: request.operationName } : {}),
              estimators: [estimator],
            });
          } catch {
            // Variables that do not coerce: execution refuses them next, with BAD_USER_INPUT and the details.
            return;
          }
          if (cost > budgetFor(config, contextValue.caller)) {
            throw new GraphQLError(LIMIT_MESSAGE, {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
