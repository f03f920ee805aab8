// A document whose operation cannot be chosen: an operationName the document does not hold (a registered id sent
// with another name), or several operations and no name. graphql-js's getOperationAST finds nothing; without this
// check the request went on to the plugins and the gateway's executor with no operation, and came back as a bare
// 500 that nobody logged. It is the caller's mistake: a protocol error, 400 BAD_REQUEST, before anything runs.
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";

export const UNKNOWN_OPERATION =
  "Opération introuvable dans le document : operationName doit nommer l'une de ses opérations.";

/** Must come first among the plugins: the others' didResolveOperation may assume an operation. */
export function operationResolutionPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation) return;
          throw new GraphQLError(UNKNOWN_OPERATION, {
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
        },
      };
    },
  };
}
