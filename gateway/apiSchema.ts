// The supergraph's API schema — what clients see: the composed supergraph minus the federation machinery and the
// @inaccessible elements. Built with @apollo/federation-internals (installed with @apollo/gateway and
// @apollo/composition, same version), exactly as the gateway derives the schema it serves.
import { Supergraph } from "@apollo/federation-internals";
import type { GraphQLSchema } from "graphql";
import { loadSupergraphSdl } from "./supergraph.ts";

export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The API schema of schema/supergraph.graphql, the file the gateway serves. */
export function servedApiSchema(): GraphQLSchema {
  return apiSchemaOf(loadSupergraphSdl());
}
