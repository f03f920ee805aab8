import { describe, expect, it, vi } from "vitest";
import { InternalCallError } from "../../../platform/internalClient.ts";
import { recordInAuditTrail } from "./personalData.ts";

const REQUEST = "0194b0c2-0000-7000-8000-00000000000a";
const ACCOUNT = "0194b0c2-0000-7000-8000-000000000001";

function fakeContext(request: (subgraph: string, query: string, variables?: unknown) => Promise<unknown>) {
  const warn = vi.fn();
  const ctx = {
    internal: { request: vi.fn(request), personalDataHolders: [] },
    log: { warn },
    config: { AUDIT_HASH_SECRET: "dev-only-audit-hash-secret-0123456789abcdef0123" },
    requestId: "req-1",
  };
  return {
    ctx: ctx as unknown as Parameters<typeof recordInAuditTrail>[0],
    warn,
    call: ctx.internal.request,
  };
}

describe("recording a data request in the staff audit trail", () => {
  it("writes one data-subject record through the staff subgraph's _recordAudit", async () => {
    const { ctx, call, warn } = fakeContext(async () => ({
      _recordAudit: [{ id: REQUEST, ledgerIndex: 0 }],
    }));
    const recorded = await recordInAuditTrail(
      ctx,
      REQUEST,
      ACCOUNT,
      { kind: "export", parts: ["identity"] },
      { kind: "export" },
      {},
    );
    expect(recorded).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    const [subgraph, query, variables] = call.mock.calls[0] as [string, string, { records: unknown[] }];
    expect(subgraph).toBe("staff");
    expect(query).toContain("_recordAudit");
    expect(variables.records).toEqual([
      expect.objectContaining({ id: REQUEST, actorKind: "data_subject", actorAccountId: ACCOUNT }),
    ]);
  });

  it("never fails the person's request when staff cannot be reached: a warning, without personal data", async () => {
    const { ctx, warn } = fakeContext(() =>
      Promise.reject(new InternalCallError("staff", ["UNAVAILABLE"], "staff unreachable: ECONNREFUSED")),
    );
    const recorded = await recordInAuditTrail(
      ctx,
      REQUEST,
      ACCOUNT,
      { kind: "erasure", outcome: { kind: "incomplete", erasures: [], pending: ["staff", "identity"] } },
      {},
      { confirm: true },
    );
    expect(recorded).toBe(false);
    expect(warn).toHaveBeenCalledOnce();
    const [fields, message] = warn.mock.calls[0] as [Record<string, unknown>, string];
    expect(message).toMatch(/identity\.data_request keeps the evidence/);
    expect(fields).toMatchObject({ dataRequestId: REQUEST, kind: "erasure" });
    expect(JSON.stringify(fields)).not.toContain(ACCOUNT);
  });
});
