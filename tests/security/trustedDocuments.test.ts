// Trusted documents: registered operations run by id; in production mode anonymous callers may run nothing
// else, staff may; introspection is closed to anonymous callers in production.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "../../gateway/security/trustedDocuments.ts";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import { buildManifest } from "../../schema/operations.ts";

const quartiers = () => {
  const operation = [...loadManifest().values()].find((entry) => entry.name === "Quartiers");
  if (!operation) throw new Error("the Quartiers operation is not registered");
  return operation;
};

describe("the manifest", () => {
  it("is up to date with schema/operations/ (run `npm run operations`)", () => {
    expect([...loadManifest().values()]).toEqual(buildManifest().operations);
  });
});

describe.each([false, true])("trusted documents (TRUSTED_DOCUMENTS_ONLY=%s)", (only) => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform({ env: { TRUSTED_DOCUMENTS_ONLY: String(only) } });
  });
  afterAll(() => platform?.close());

  const post = async (body: unknown, token?: string) => {
    const response = await fetch(platform.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] },
    };
  };

  it("runs a registered operation by its id (Apollo persisted-query extension)", async () => {
    const { body } = await post({
      extensions: { persistedQuery: { version: 1, sha256Hash: quartiers().id } },
      variables: { first: 2 },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ quartiers: { totalCount: expect.any(Number) } });
  });

  it("runs a registered operation by documentId", async () => {
    const { body } = await post({ documentId: `sha256:${quartiers().id}`, variables: { first: 1 } });
    expect(body.errors).toBeUndefined();
  });

  it("answers an unknown id with PERSISTED_QUERY_NOT_FOUND", async () => {
    const { status, body } = await post({ documentId: `sha256:${"0".repeat(64)}` });
    expect(status).toBe(404);
    expect(body.errors?.[0]?.extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it(`${only ? "refuses" : "accepts"} an unregistered operation from an anonymous caller`, async () => {
    const { body } = await post({ query: "{ quartiers(first: 1) { totalCount } }" });
    if (only) expect(body.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    else expect(body.errors).toBeUndefined();
  });

  it("accepts the registered text sent in full", async () => {
    const { body } = await post({ query: quartiers().body, variables: { first: 1 } });
    expect(body.errors).toBeUndefined();
  });

  it("accepts any operation within budget from staff", async () => {
    const { body } = await post(
      { query: "{ quartiers(first: 1) { totalCount } }" },
      await platform.token("agent"),
    );
    expect(body.errors).toBeUndefined();
  });
});

describe("introspection in production", () => {
  let platform: SignedInPlatform;
  beforeAll(async () => {
    // Production rules with development secrets allowed: the test sets NODE_ENV for the gateway's options only.
    platform = await startSignedInPlatform({
      env: { TRUSTED_DOCUMENTS_ONLY: "false" },
      productionRules: true,
    });
  });
  afterAll(() => platform?.close());

  it("is refused to anonymous callers and citizens, open to staff and partners", async () => {
    const query = "{ __schema { queryType { name } } }";
    const anonymous = await platform.graphql(query);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    for (const persona of ["visitor", "resident"]) {
      const { body } = await platform.graphql(query, undefined, { token: await platform.token(persona) });
      expect(body.errors?.[0]?.extensions?.code, persona).toBe("FORBIDDEN");
    }
    for (const persona of ["agent", "ems-partner"]) {
      const { body } = await platform.graphql(query, undefined, { token: await platform.token(persona) });
      expect(body.errors).toBeUndefined();
    }
  });

  it("tells only staff and partners why a document does not validate", async () => {
    for (const query of ["{ auditTrail }", "{ petitions { nope } }", '{ quartier(nope: "x") { id } }']) {
      for (const persona of [undefined, "visitor", "resident"]) {
        const token = persona ? await platform.token(persona) : undefined;
        const { body } = await platform.graphql(query, undefined, token ? { token } : {});
        expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(body.errors?.map((error) => error.message)).toEqual(
          body.errors?.map(() => "Requête invalide."),
        );
        expect(JSON.stringify(body)).not.toMatch(/auditTrail|AuditTrail|nope|Petition|selection/);
      }
      const { body } = await platform.graphql(query, undefined, { token: await platform.token("agent") });
      expect(body.errors?.[0]?.message).not.toBe("Requête invalide.");
    }
  });

  it("gives no field suggestions", async () => {
    const { body } = await platform.graphql("{ quartier { nam } }");
    expect(JSON.stringify(body.errors)).not.toMatch(/Did you mean/);
  });
});
