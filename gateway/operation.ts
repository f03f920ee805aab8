// One resolved GraphQL request as the gateway's checks see it, whatever the engine (@apollo/gateway through Apollo
// Server plugins, Hive Gateway through Envelop plugins): the checks of gateway/security/ and gateway/audit/ are
// written once against this, and each engine has a thin adapter that fills it in from its own hooks.
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import type { GatewayContext } from "./dataSources.ts";

export interface ResolvedOperation {
  /** The public (API) schema the operation was validated against. */
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName?: string | null | undefined;
  /** The variables as the client sent them (not coerced). */
  variables: Record<string, unknown> | null | undefined;
  /** The document's text as received (registered text substituted for an id). */
  source?: string | undefined;
  context: GatewayContext;
}
