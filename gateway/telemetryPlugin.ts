// Metrics and the operation's span at the gateway, as an Apollo Server plugin. What is recorded, and how it is
// named, lives in platform/telemetry/ (engine-neutral): another engine's plugin calls the same functions.
import type { ApolloServerPlugin } from "@apollo/server";
import { recordOperation } from "../platform/telemetry/metrics.ts";
import { nameOperationSpan } from "../platform/telemetry/tracing.ts";
import type { GatewayContext } from "./dataSources.ts";

export function telemetryPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation({ operationName, operation, contextValue }) {
          nameOperationSpan({
            type: operation?.operation ?? "query",
            name: contextValue.trustedDocument ? (operationName ?? undefined) : undefined,
          });
        },
        async willSendResponse({ response, errors, operationName, contextValue }) {
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          const firstError = errors?.[0] ?? body?.errors?.[0];
          if (contextValue.telemetry) contextValue.telemetry.recorded = true;
          recordOperation({
            registeredName: contextValue.trustedDocument ? (operationName ?? undefined) : undefined,
            callerKind: contextValue.caller?.kind,
            outcome: firstError ? String(firstError.extensions?.code ?? "INTERNAL_SERVER_ERROR") : "OK",
            seconds: (performance.now() - started) / 1000,
          });
        },
      };
    },
  };
}
