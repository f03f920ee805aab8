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
import type { ResolvedOperation } from "../operation.ts";
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

/** The cost check of both engines: throws the (limit-free) refusal when the operation exceeds its caller's budget. */
export function createCostCheck(
  config: Config,
  supergraphSdl: string,
): (resolved: ResolvedOperation) => void {
  const estimator = costEstimator(readCostDirectives(supergraphSdl), DEFAULT_PAGE_SIZE);
  return ({ schema, document, operation, variables, operationName, context }) => {
    // Introspection (GraphiQL's query nests lists four deep) is bounded by the schema itself, not by page
    // sizes; who may introspect is decided by the trusted-documents check.
    if (isIntrospectionOnly(document, operation)) return;
    let cost: number;
    try {
      cost = getComplexity({
        schema,
        query: document,
        variables: variables ?? {},
        ...(operationName ? { operationName } : {}),
        estimators: [estimator],
      });
    } catch {
      // Variables that do not coerce: execution refuses them next, with BAD_USER_INPUT and the details.
      return;
    }
    if (cost > budgetFor(config, context.caller)) {
      throw new GraphQLError(LIMIT_MESSAGE, {
        extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
      });
    }
  };
}

export function costLimitPlugin(config: Config, supergraphSdl: string): ApolloServerPlugin<GatewayContext> {
  const check = createCostCheck(config, supergraphSdl);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue, operation }) {
          if (!operation) return;
          check({
            schema,
            document,
            operation,
            operationName: request.operationName,
            variables: request.variables,
            context: contextValue,
          });
        },
      };
    },
  };
}
