import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { ANONYMOUS, type Caller } from "../../platform/caller.ts";
import { auditPlugin, variablesHash } from "./auditPlugin.ts";
import type { AuditRecordInput, AuditWriter } from "./auditWriter.ts";

const schema = buildSchema(`
  type Query { report(id: ID!): Report }
  type Report { id: ID!, description: String, reporterContact: Contact }
  type Contact { email: String, phone: String }
`);
const PERSONAL = new Set(["Report.reporterContact", "Contact.email", "Contact.phone"]);
const SECRET = "dev-only-audit-hash-secret-0123456789abcdef0123456";

const partner: Caller = {
  ...ANONYMOUS,
  kind: "partner",
  roles: ["partner"],
  partnerClientId: "ems-partner",
  scopes: ["reports:read"],
};
const citizen: Caller = {
  ...ANONYMOUS,
  kind: "citizen",
  accountId: "0194b0c2-0000-7000-8000-000000000003",
  roles: ["citizen"],
};

async function run(caller: Caller, query: string, data: unknown, variables: Record<string, unknown> = {}) {
  const written: AuditRecordInput[] = [];
  const writer: AuditWriter = { record: async (record) => void written.push(record), flush: async () => {} };
  const plugin = auditPlugin({ writer, hashSecret: SECRET, personalFields: PERSONAL });
  const document = parse(query);
  const operation = document.definitions[0];
  const hooks = await plugin.requestDidStart?.({} as never);
  await hooks?.willSendResponse?.({
    contextValue: { caller, requestId: "req-42" },
    operation,
    operationName: operation?.kind === "OperationDefinition" ? (operation.name?.value ?? null) : null,
    document,
    schema,
    source: query,
    request: { variables },
    response: { body: { kind: "single", singleResult: { data } } },
  } as never);
  return written;
}

describe("audit plugin", () => {
  const query = "query Contact($id: ID!) { report(id: $id) { id reporterContact { email phone } } }";
  const data = { report: { id: "r1", reporterContact: { email: "x@example.org", phone: null } } };

  it("records a partner's operation that returned personal data, with the client id and a keyed variables hash", async () => {
    const [record, ...others] = await run(partner, query, data, { id: "r1" });
    expect(others).toEqual([]);
    expect(record).toMatchObject({
      actorKind: "partner",
      actorAccountId: null,
      actorClientId: "ems-partner",
      staffService: null,
      operationName: "Contact",
      operationType: "query",
      personalFields: ["Contact.email", "Report.reporterContact"],
      personalValueCount: 2,
      requestId: "req-42",
      variablesHash: variablesHash(SECRET, { id: "r1" }),
    });
    expect(record?.documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(variablesHash(SECRET, { id: "r1" })).not.toBe(variablesHash(SECRET, { id: "r2" }));
  });

  it("records nothing for citizens, nor when no personal value came back", async () => {
    expect(await run(citizen, query, data)).toEqual([]);
    expect(await run(partner, query, { report: { id: "r1", reporterContact: null } })).toEqual([]);
    expect(await run(partner, query, null)).toEqual([]);
  });
});
