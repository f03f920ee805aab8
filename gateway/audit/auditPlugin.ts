// The audit trail's gateway plugin: after every staff or partner operation, finds the personal fields the response
// actually contains (collectPersonalFields.ts, against personalFields.ts) and, if there are any, records who, when,
// which operation, a keyed hash of the variables and which personal fields — through the staff subgraph, in the
// background (auditWriter.ts). The response is never delayed by the write; shutdown waits for pending writes.
import { createHash, createHmac } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { newId } from "../../platform/ids.ts";
import { canonicalJson } from "../../platform/ledger/index.ts";
import type { GatewayContext } from "../dataSources.ts";
import type { ResolvedOperation } from "../operation.ts";
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

/** The audit record of a staff or partner operation whose answer holds personal data; none for anything else. */
export function auditRecordFor(
  options: AuditPluginOptions,
  resolved: ResolvedOperation,
  data: Record<string, unknown> | null | undefined,
): AuditRecordInput | undefined {
  const personal = options.personalFields ?? PERSONAL_FIELD_SET;
  const { caller, requestId } = resolved.context;
  if (caller.kind !== "staff" && caller.kind !== "partner") return undefined;
  if (!data) return undefined;
  const found = collectPersonalFields(resolved.schema, resolved.document, resolved.operation, data, personal);
  if (found.size === 0) return undefined;
  return {
    id: newId(),
    occurredAt: new Date().toISOString(),
    actorKind: caller.kind,
    actorAccountId: caller.kind === "staff" ? caller.accountId : null,
    actorClientId: caller.kind === "partner" ? caller.partnerClientId : null,
    staffService: caller.kind === "staff" ? caller.staffService : null,
    operationName: resolved.operationName ?? null,
    operationType: resolved.operation.operation,
    documentHash: createHash("sha256")
      .update(resolved.source ?? "")
      .digest("hex"),
    variablesHash: variablesHash(options.hashSecret, resolved.variables ?? undefined),
    personalFields: [...found.keys()].sort(),
    personalValueCount: [...found.values()].reduce((sum, count) => sum + count, 0),
    requestId,
  };
}

/** The Apollo Server adapter (the Hive Gateway one is gateway/hive/plugins.ts). */
export function auditPlugin(options: AuditPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async serverWillStart() {
      return { serverWillStop: () => options.writer.flush() };
    },
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { operation, document, response, schema, contextValue } = requestContext;
          if (!operation || !document || response.body.kind !== "single") return;
          const record = auditRecordFor(
            options,
            {
              schema,
              document,
              operation,
              operationName: requestContext.operationName,
              variables: requestContext.request.variables,
              source: requestContext.source,
              context: contextValue,
            },
            response.body.singleResult.data,
          );
          // Not awaited: the writer retries and logs on failure; the response leaves now.
          if (record) void options.writer.record(record);
        },
      };
    },
  };
}
