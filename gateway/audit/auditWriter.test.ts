import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { type SubgraphClient, unavailableAnswer } from "../../platform/internalClient.ts";
import type { Logger } from "../../platform/logger.ts";
import { type AuditRecordInput, createAuditWriter } from "./auditWriter.ts";

const RECORD: AuditRecordInput = {
  id: "0194b0c2-0000-7000-8000-000000000001",
  occurredAt: "2026-11-28T10:00:00.000Z",
  actorKind: "partner",
  actorAccountId: null,
  actorClientId: "ems-partner",
  staffService: null,
  operationName: "Reports",
  operationType: "query",
  documentHash: "a".repeat(64),
  variablesHash: "b".repeat(64),
  personalFields: ["ReporterContact.email"],
  personalValueCount: 1,
  requestId: "req-1",
};

/** A subgraph client answering from a script: each call takes the next outcome ("throw": the staff subgraph down). */
function scripted(outcomes: ("ok" | "error" | "throw")[]) {
  const calls: unknown[] = [];
  const source = {
    async execute(subgraph: string, _query: string, variables?: unknown) {
      expect(subgraph).toBe("staff");
      calls.push(variables);
      const outcome = outcomes.shift() ?? "ok";
      if (outcome === "throw") return unavailableAnswer("staff");
      if (outcome === "error")
        return { data: null, errors: [{ message: "x", extensions: { code: "INTERNAL_SERVER_ERROR" } }] };
      return { data: { _recordAudit: [{ id: RECORD.id, ledgerIndex: 0 }] }, errors: [] };
    },
  } as unknown as SubgraphClient;
  return { source, calls };
}

function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: "warn" },
    { write: (line: string) => lines.push(JSON.parse(line)) },
  ) as unknown as Logger;
  return { log, lines };
}

describe("audit writer", () => {
  it("writes a record through the staff subgraph's internal mutation, as the system caller", async () => {
    const { source, calls } = scripted(["ok"]);
    const writer = createAuditWriter({ staff: source, log: capturingLog().log, retryDelaysMs: [] });
    await writer.record(RECORD);
    expect(calls).toEqual([{ records: [RECORD] }]);
  });

  it("sends the records queued during a write together in the next one", async () => {
    const { source, calls } = scripted(["ok", "ok"]);
    const writer = createAuditWriter({ staff: source, log: capturingLog().log, retryDelaysMs: [] });
    const second = { ...RECORD, id: "0194b0c2-0000-7000-8000-000000000002" };
    const third = { ...RECORD, id: "0194b0c2-0000-7000-8000-000000000003" };
    void writer.record(RECORD);
    void writer.record(second);
    void writer.record(third);
    await writer.flush();
    expect(calls).toEqual([{ records: [RECORD, second, third] }]);
  });

  it("retries a failed write, then succeeds", async () => {
    const { source, calls } = scripted(["throw", "error", "ok"]);
    const { log, lines } = capturingLog();
    const writer = createAuditWriter({ staff: source, log, retryDelaysMs: [1, 1, 1] });
    void writer.record(RECORD);
    await writer.flush();
    expect(calls).toHaveLength(3);
    expect(lines.filter((line) => line.level === 50)).toEqual([]);
  });

  it("never loses a record silently: the whole record is logged at error level when every attempt failed", async () => {
    const { source } = scripted(["throw", "throw", "throw"]);
    const { log, lines } = capturingLog();
    const writer = createAuditWriter({ staff: source, log, retryDelaysMs: [1, 1] });
    await writer.record(RECORD);
    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.auditRecord).toEqual(RECORD);
    const noStaff = createAuditWriter({ staff: undefined, log, retryDelaysMs: [] });
    await noStaff.record(RECORD);
    expect(lines.filter((line) => line.level === 50)).toHaveLength(2);
  });
});
