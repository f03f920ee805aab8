// The audit trail's gateway plugin: after every staff or partner operation, finds the personal fields the response
// actually contains (collectPersonalFields.ts, against personalFields.ts) and, if there are any, records who, when,
// which operation, a keyed hash of the variables and which personal fields — through the staff subgraph, in the
// background (auditWriter.ts). The response is never delayed by the write; shutdown waits for pending writes.
import { createHash, createHmac } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { newId } from "../../platform/ids.ts";
import { canonicalJson } from "../../platform/ledger/index.ts";
import type { GatewayContext } from "../dataSources.ts";
import type { AuditRecordInput, AuditWriter } from "./auditWriter.ts";
import { collectPersonalFields } from "./collectPersonalFields.ts";
import { PERSONAL_FIELD_SET } from "./personalFields.ts";

export interface AuditPluginOptions {
  writer: AuditWriter;
  /** AUDIT_HASH_SECRET: keys the variables hash, so a guessable value (an e-mail) cannot be found from it. */
  hashSecret: string;
  personalFields?: ReadonlySet<string>;
}

export function variablesHash(secret: string, variables: Record<string, unknown> | undefined): string {
  return createHmac("sha256", secret)
    .update(`audit-variables:v1:${canonicalJson(variables ?? {})}`)
    .digest("hex");
}

export function auditPlugin(options: AuditPluginOptions): ApolloServerPlugin<GatewayContext> {
  const personal = options.personalFields ?? PERSONAL_FIELD_SET;
  return {
    async serverWillStart() {
      return { serverWillStop: () => options.writer.flush() };
    },
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { caller } = requestContext.contextValue;
          if (caller.kind !== "staff" && caller.kind !== "partner") return;
          const { operation, document, response, schema } = requestContext;
          if (!operation || !document || response.body.kind !== "single") return;
          const data = response.body.singleResult.data;
          if (!data) return;
          const found = collectPersonalFields(schema, document, operation, data, personal);
          if (found.size === 0) return;
          const record: AuditRecordInput = {
            id: newId(),
            occurredAt: new Date().toISOString(),
            actorKind: caller.kind,
            actorAccountId: caller.kind === "staff" ? caller.accountId : null,
            actorClientId: caller.kind === "partner" ? caller.partnerClientId : null,
            staffService: caller.kind === "staff" ? caller.staffService : null,
            operationName: requestContext.operationName ?? null,
            operationType: operation.operation,
            documentHash: createHash("sha256")
              .update(requestContext.source ?? "")
              .digest("hex"),
            variablesHash: variablesHash(options.hashSecret, requestContext.request.variables),
            personalFields: [...found.keys()].sort(),
            personalValueCount: [...found.values()].reduce((sum, count) => sum + count, 0),
            requestId: requestContext.contextValue.requestId,
          };
          // Not awaited: the writer retries and logs on failure; the response leaves now.
          void options.writer.record(record);
        },
      };
    },
  };
}
