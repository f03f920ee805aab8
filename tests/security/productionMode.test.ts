// Issue #15 item 4: in production, citizens (anonymous, visitor, resident) run registered operations only — an
// unregistered document is refused before it is parsed, with a message that says nothing about the schema — and
// only staff and partners may introspect or send their own documents. That the citizen app keeps working (each
// registered operation by its id, as each caller it declares, in production mode) is
// tests/operations/registeredOperations.test.ts. Variable errors of registered operations are one message for
// citizens, and a registered id with an operation name it does not hold is a 400 (outside probe, findings 3, 4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../../gateway/security/trustedDocuments.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

const manifest = [...loadManifest().values()];
const idOf = (name: string) => {
  const operation = manifest.find((entry) => entry.name === name);
  if (!operation) throw new Error(`${name} is not registered in schema/operations/`);
  return operation.id;
};

describe("production mode: registered operations for citizens", () => {
  let platform: SignedInPlatform;
  const tokens: Record<string, string | undefined> = {};

  beforeAll(async () => {
    platform = await startSignedInPlatform({
      productionRules: true,
      env: { TRUSTED_DOCUMENTS_ONLY: "true", RATE_LIMIT_SENSITIVE_PER_HOUR: "1000" },
    });
    for (const persona of ["resident", "visitor", "agent", "ems-partner"])
      tokens[persona] = await platform.token(persona);
  });
  afterAll(() => platform?.close());

  const post = async (body: unknown, persona?: string): Promise<Answer> => {
    const token = persona ? tokens[persona] : undefined;
    const response = await fetch(platform.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  };
  /** Runs a registered operation by its document id, as `persona` (anonymous when absent); answers its data. */
  const run = async <T = Record<string, unknown>>(
    name: string,
    variables: Record<string, unknown>,
    persona?: string,
  ): Promise<T> => {
    const { status, body } = await post({ documentId: `sha256:${idOf(name)}`, variables }, persona);
    expect(
      body.errors,
      `${name} as ${persona ?? "anonymous"}: ${JSON.stringify(body.errors)}`,
    ).toBeUndefined();
    expect(status).toBe(200);
    return body.data as T;
  };
  describe("what citizens may not do", () => {
    const probes = [
      "{ quartiers(first: 1) { totalCount } }",
      "{ __schema { types { name } } }",
      '{ __type(name: "Query") { fields { name } } }',
      // Schema probing through validation messages: a field that needs a selection, an unknown field.
      "{ auditTrail }",
      "{ petitions { nope } }",
    ];

    it.each([undefined, "visitor", "resident"])(
      "refuses any unregistered document to %s, saying nothing",
      async (persona) => {
        for (const query of probes) {
          const { status, body } = await post({ query }, persona);
          expect(status, query).toBe(403);
          expect(body.data ?? null).toBeNull();
          expect(body.errors).toEqual([
            {
              message:
                "Opération non enregistrée : cette application doit envoyer ses opérations par identifiant.",
              extensions: { code: "FORBIDDEN" },
            },
          ]);
        }
      },
    );

    it("runs the same callers' registered operations by id", async () => {
      for (const persona of ["visitor", "resident"]) {
        const data = await run<{ me: { id: string } }>("Me", {}, persona);
        expect(data.me.id).toMatch(/\S/);
      }
      const data = await run<{ quartiers: { totalCount: number } }>("Quartiers", { first: 1 });
      expect(data.quartiers.totalCount).toBeGreaterThan(0);
    });

    // Outside probe, round 2: Apollo Client's persisted-query link may send hashed queries by GET, the hash in
    // `extensions` as JSON text.
    it("runs a registered query sent by GET, as the persisted-query link sends it", async () => {
      const url = new URL(platform.url);
      url.searchParams.set("operationName", "Quartiers");
      url.searchParams.set("variables", JSON.stringify({ first: 1 }));
      url.searchParams.set(
        "extensions",
        JSON.stringify({ persistedQuery: { version: 1, sha256Hash: idOf("Quartiers") } }),
      );
      const response = await fetch(url, { headers: { "apollo-require-preflight": "1" } });
      const body = (await response.json()) as Answer["body"];
      expect(body.errors).toBeUndefined();
      expect(response.status).toBe(200);
      const quartiers = body.data?.quartiers as { totalCount: number } | undefined;
      expect(quartiers?.totalCount).toBeGreaterThan(0);
    });

    // Outside probe, finding 3: variable-coercion messages of registered operations described the input types
    // (`Field "categoryCode" of required type "String!" was not provided.`) and repeated the values sent.
    it("masks variable errors of registered operations to citizens; staff keep the details, not the values", async () => {
      const bad = {
        documentId: `sha256:${idOf("SubmitReport")}`,
        variables: { input: { categoryCod: "xq7" } },
      };
      for (const persona of [undefined, "visitor", "resident"]) {
        const { status, body } = await post(bad, persona);
        expect(status).toBe(400);
        expect(body.errors).toEqual([
          { message: "Variables invalides.", extensions: { code: "BAD_USER_INPUT" } },
        ]);
      }
      const { status, body } = await post(bad, "agent");
      expect(status).toBe(400);
      expect(body.errors?.every((e) => e.extensions?.code === "BAD_USER_INPUT")).toBe(true);
      expect(JSON.stringify(body.errors)).toContain("categoryCode");
      expect(JSON.stringify(body.errors)).not.toContain("xq7");
    });

    // Outside probe, finding 4: a registered id with an operation name it does not hold was a bare 500.
    it("answers a registered id with an unknown operationName as a bad request (400), to every caller", async () => {
      for (const persona of [undefined, "resident", "agent"]) {
        const { status, body } = await post(
          { documentId: `sha256:${idOf("Quartiers")}`, operationName: "X", variables: { first: 1 } },
          persona,
        );
        expect(status, persona ?? "anonymous").toBe(400);
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_REQUEST"]);
      }
    });

    it("lets staff and partners introspect and send their own documents", async () => {
      for (const persona of ["agent", "ems-partner"]) {
        for (const query of [
          "{ __schema { queryType { name } } }",
          "{ quartiers(first: 1) { totalCount } }",
        ]) {
          const { status, body } = await post({ query }, persona);
          expect(body.errors, `${persona}: ${query}`).toBeUndefined();
          expect(status).toBe(200);
        }
      }
    });
  });
});
