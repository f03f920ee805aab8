// The API schema of the subgraphs as they are now: composed in memory, whatever the committed file says.
import type { GraphQLSchema } from "graphql";
import { apiSchemaOf } from "../../gateway/apiSchema.ts";
import { composeSupergraph } from "../composeSupergraph.ts";

export function composedSupergraphSdl(): string {
  const result = composeSupergraph();
  if (!result.supergraphSdl) throw new Error(`composition failed:\n${result.errors.join("\n")}`);
  return result.supergraphSdl;
}

export function composedApiSchema(): GraphQLSchema {
  return apiSchemaOf(composedSupergraphSdl());
}
