// Every registered operation (schema/operations/) runs as the citizen app sends it — by its document id, Apollo
// Client's persisted-query extension, no query text — with variables taken from the demo data, as EACH caller its
// file declares (`# callers:`), on a gateway in production mode (registered operations only for citizens,
// production cost budgets), and answers data without errors. A registered operation without a case here fails.
// One platform for the whole file; cases (tests/operations/cases.ts, where a new operation gets its case) run in
// their order there (a report is submitted before it is read).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { registeredOperations } from "../../schema/operations.ts";

import { type Data, operationCases, type Variables } from "./cases.ts";

const CASES = operationCases();

const operations = registeredOperations();
// Cases in the order of CASES, then operations without one (they fail below).
const ordered = [...operations].sort(
  (a, b) => orderOf(a.name) - orderOf(b.name) || a.name.localeCompare(b.name),
);
function orderOf(name: string): number {
  const index = Object.keys(CASES).indexOf(name);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

describe("registered operations, by document id, as each declared caller (production mode)", () => {
  let platform: SignedInPlatform;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    platform = await startSignedInPlatform({
      productionRules: true,
      env: { TRUSTED_DOCUMENTS_ONLY: "true" },
      // The demo data a newcomer sees (petitions in every state, a budget campaign open for voting, reports…).
      seed: "demo",
    });
    // Seeding the whole demo data takes a while on a busy machine.
  }, 240_000);
  afterAll(() => platform?.close());

  async function run(operation: { id: string; name: string }, caller: string, variables: Variables) {
    let token = tokens.get(caller);
    if (caller !== "anonymous" && !token) {
      token = await platform.token(caller);
      tokens.set(caller, token);
    }
    // As Apollo Client's persisted-query link sends it: the hash, the operation name, the variables.
    const response = await fetch(platform.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Apollo-Require-Preflight": "true",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({
        operationName: operation.name,
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } },
      }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: Data | null; errors?: unknown[] },
    };
  }

  it("has a case for every registered operation, and every operation names its callers", () => {
    expect(
      operations.filter((operation) => !CASES[operation.name]).map((operation) => operation.name),
    ).toEqual([]);
    expect(operations.filter((operation) => operation.callers.length === 0).map((o) => o.file)).toEqual([]);
  });

  for (const operation of ordered) {
    const testCase = CASES[operation.name];
    if (!testCase) continue;
    for (const caller of operation.callers) {
      it(`${operation.name} as ${caller}`, async () => {
        const variables = (await testCase.variables?.(caller)) ?? {};
        const { status, body } = await run(operation, caller, variables);
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        expect(status).toBe(200);
        expect(body.data).toBeTruthy();
        testCase.check?.(body.data as Data, caller);
      });
    }
  }
});
