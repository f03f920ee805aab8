import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { variablesHash } from "../../../gateway/audit/auditPlugin.ts";
import { canonicalJson } from "../../../platform/ledger/index.ts";
import { dataRequestAuditRecord } from "./dataRequestAuditRecord.ts";

const SECRET = "dev-only-audit-hash-secret-0123456789abcdef0123";
const REQUEST = "0194b0c2-0000-7000-8000-00000000000a";
const ACCOUNT = "0194b0c2-0000-7000-8000-000000000001";
const AT = new Date("2026-11-28T10:00:00Z");

const base = { dataRequestId: REQUEST, accountId: ACCOUNT, hashSecret: SECRET, requestId: "req-1", at: AT };

describe("the audit record of a data subject's request", () => {
  it("records an export: who, which parts, committed to the evidence kept by identity", () => {
    const evidence = { kind: "export" };
    const record = dataRequestAuditRecord({
      ...base,
      request: { kind: "export", parts: ["identity", "petitions", "budget", "identity"] },
      evidence,
      args: {},
    });
    expect(record).toEqual({
      id: REQUEST,
      occurredAt: "2026-11-28T10:00:00.000Z",
      actorKind: "data_subject",
      actorAccountId: ACCOUNT,
      actorClientId: null,
      staffService: null,
      operationName: "exportMyData",
      operationType: "mutation",
      documentHash: createHash("sha256")
        .update(canonicalJson({ dataRequest: REQUEST, kind: "export", outcome: evidence }))
        .digest("hex"),
      // Hashed as the gateway hashes the variables of the operations it audits.
      variablesHash: variablesHash(SECRET, {}),
      personalFields: [
        "PersonalDataExport.budget",
        "PersonalDataExport.identity",
        "PersonalDataExport.petitions",
      ],
      personalValueCount: 3,
      requestId: "req-1",
    });
  });

  it("records an erasure with the parts erased and the number of records erased or pseudonymised", () => {
    const outcome = {
      kind: "erased" as const,
      erasures: [
        { subgraph: "petitions", erased: 2, pseudonymised: 3 },
        { subgraph: "reports", erased: 1, pseudonymised: 0 },
        { subgraph: "identity", erased: 0, pseudonymised: 1 },
      ],
    };
    const record = dataRequestAuditRecord({
      ...base,
      request: { kind: "erasure", outcome },
      evidence: outcome,
      args: { confirm: true },
    });
    expect(record).toMatchObject({
      operationName: "eraseMyAccount",
      personalFields: [
        "PersonalDataExport.identity",
        "PersonalDataExport.petitions",
        "PersonalDataExport.reports",
      ],
      personalValueCount: 7,
      variablesHash: variablesHash(SECRET, { confirm: true }),
    });
  });

  it("lists only the parts actually erased when the erasure is incomplete, and its hash differs", () => {
    const complete = {
      kind: "erased" as const,
      erasures: [{ subgraph: "reports", erased: 1, pseudonymised: 0 }],
    };
    const incomplete = { ...complete, kind: "incomplete" as const, pending: ["staff", "identity"] };
    const of = (outcome: typeof complete | typeof incomplete) =>
      dataRequestAuditRecord({
        ...base,
        request: { kind: "erasure", outcome },
        evidence: outcome,
        args: { confirm: true },
      });
    expect(of(incomplete).personalFields).toEqual(["PersonalDataExport.reports"]);
    expect(of(incomplete).documentHash).not.toBe(of(complete).documentHash);
  });

  it("carries nothing about the person but the pseudonymous account id", () => {
    const record = dataRequestAuditRecord({
      ...base,
      request: { kind: "export", parts: ["identity"] },
      evidence: { kind: "export" },
      args: {},
    });
    const text = JSON.stringify(record);
    expect(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)?.sort()).toEqual(
      [ACCOUNT, REQUEST].sort(),
    );
  });
});
