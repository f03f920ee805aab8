// The staff audit trail's record of a person's export or erasure request (GDPR articles 15, 17 and 20), written once
// the request is handled. It says who (the pseudonymous account id, as identity.data_request does), which request,
// which parts of the person's data it concerned and how many records; the outcome itself stays in identity's
// evidence, which the record commits to by hash (documentHash) and by id (the record's id is the request's). Nothing
// else about the person: no profile, no content.
import { createHash, createHmac } from "node:crypto";
import { canonicalJson } from "../../../platform/ledger/index.ts";
import type { EraseAccountOutcome } from "./eraseAccountEverywhere.ts";

/** The shape the staff subgraph's `_recordAudit` accepts (AuditRecordInput). */
export interface DataRequestAuditRecord {
  id: string;
  occurredAt: string;
  actorKind: "data_subject";
  actorAccountId: string;
  actorClientId: null;
  staffService: null;
  operationName: "exportMyData" | "eraseMyAccount";
  operationType: "mutation";
  documentHash: string;
  variablesHash: string;
  personalFields: string[];
  personalValueCount: number;
  requestId: string;
}

export type HandledDataRequest =
  | { kind: "export"; parts: readonly string[] }
  | { kind: "erasure"; outcome: EraseAccountOutcome };

/** `PersonalDataExport.<subgraph>`: each subgraph holding personal data contributes the field named after it. */
const partField = (subgraph: string) => `PersonalDataExport.${subgraph}`;

export function dataRequestAuditRecord(input: {
  dataRequestId: string;
  accountId: string;
  request: HandledDataRequest;
  /** The evidence kept in identity.data_request (its `outcome`), which the record commits to. */
  evidence: unknown;
  /** The mutation's arguments, hashed as the gateway hashes variables (key AUDIT_HASH_SECRET). */
  args: Record<string, unknown>;
  hashSecret: string;
  requestId: string;
  at: Date;
}): DataRequestAuditRecord {
  const { request } = input;
  const parts =
    request.kind === "export"
      ? [...new Set(request.parts)]
      : request.outcome.erasures.map((erasure) => erasure.subgraph);
  const count =
    request.kind === "export"
      ? parts.length
      : request.outcome.erasures.reduce((sum, erasure) => sum + erasure.erased + erasure.pseudonymised, 0);
  return {
    id: input.dataRequestId,
    occurredAt: input.at.toISOString(),
    actorKind: "data_subject",
    actorAccountId: input.accountId,
    actorClientId: null,
    staffService: null,
    operationName: request.kind === "export" ? "exportMyData" : "eraseMyAccount",
    operationType: "mutation",
    documentHash: createHash("sha256")
      .update(
        canonicalJson({ dataRequest: input.dataRequestId, kind: request.kind, outcome: input.evidence }),
      )
      .digest("hex"),
    variablesHash: createHmac("sha256", input.hashSecret)
      .update(`audit-variables:v1:${canonicalJson(input.args)}`)
      .digest("hex"),
    personalFields: [...new Set(parts.map(partField))].sort(),
    personalValueCount: count,
    requestId: input.requestId,
  };
}
