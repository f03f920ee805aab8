// A cost budget per operation and per kind of caller: every field costs 1, and a list multiplies the cost of
// what it selects by its page size (`first`, else the default page of 20). Edges of a connection are not
// multiplied again. Computed with graphql-query-complexity once the operation and its variables are known.
import type { ApolloServerPlugin } from "@apollo/server";
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  getNullableType,
  isListType,
  type OperationDefinitionNode,
} from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import type { Config } from "../../subgraphs/kit/config.ts";
import { DEFAULT_PAGE_SIZE } from "../../subgraphs/kit/pagination.ts";
import type { GatewayContext } from "../dataSources.ts";
import { LIMIT_MESSAGE } from "./operationLimits.ts";
import { rootFieldNames } from "./rootFields.ts";

export const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity, type }) => {
  const first = typeof args.first === "number" && args.first >= 0 ? args.first : undefined;
  const isList = isListType(getNullableType((field as GraphQLField<unknown, unknown>).type));
  const insideConnection = type.name.endsWith("Connection");
  const multiplier = first ?? (isList && !insideConnection ? DEFAULT_PAGE_SIZE : 1);
  return 1 + multiplier * childComplexity;
};

function isIntrospectionOnly(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  return rootFieldNames(document, operation).every((name) => name.startsWith("__"));
}

export function budgetFor(config: Config, caller: GatewayContext["caller"]): number {
  if (caller.kind === "anonymous") return config.LIMIT_COST_ANONYMOUS;
  if (caller.kind === "citizen") return config.LIMIT_COST_CITIZEN;
  return config.LIMIT_COST_STAFF;
}

export function costLimitPlugin(config: Config): ApolloServerPlugin<GatewayContext> {
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
              estimators: [pageSizeEstimator],
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
