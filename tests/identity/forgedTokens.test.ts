// Forged and unusable tokens are refused with 401 UNAUTHENTICATED, never downgraded to anonymous, and none
// disturbs the process.
import { createHmac, generateKeyPairSync } from "node:crypto";
import { decodeJwt, exportJWK, importJWK, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("forged tokens (JWKS mode)", () => {
  let platform: SignedInPlatform;
  let claims: Record<string, unknown>;
  beforeAll(async () => {
    platform = await startSignedInPlatform();
    claims = decodeJwt(await platform.token("resident"));
  });
  afterAll(() => platform?.close());

  const now = () => Math.floor(Date.now() / 1000);

  async function signWithNewKey(payload: Record<string, unknown>, kid?: string) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", ...(kid ? { kid } : {}) })
      .sign(privateKey);
  }

  const cases: [string, () => Promise<string>][] = [
    ["signed with another key", () => signWithNewKey(claims)],
    [
      "signed with another key under the real kid",
      async () => signWithNewKey(claims, platform.simulator.jwks().keys[0]?.kid as string),
    ],
    ["alg none", async () => `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`],
    [
      "HS256 keyed with the provider's public key (algorithm confusion)",
      async () => {
        const publicJwk = platform.simulator.jwks().keys[0] as JWK;
        const { createPublicKey } = await import("node:crypto");
        const pem = createPublicKey({ key: publicJwk as never, format: "jwk" }).export({
          type: "spki",
          format: "pem",
        });
        const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
        return `${unsigned}.${createHmac("sha256", pem).update(unsigned).digest("base64url")}`;
      },
    ],
    ["expired", () => platform.simulator.issueToken("resident", { ttlSeconds: -120 })],
    ["from another issuer", () => tamperedButSigned({ iss: "https://evil.example/" })],
    ["for another audience", () => tamperedButSigned({ aud: "another-api" })],
    [
      "an id_token (audience is the client, not the API)",
      () => platform.simulator.issueToken("resident", { kind: "id" }),
    ],
    ["garbage", async () => "aaaa.bbbb.cccc"],
    [
      "with a tampered payload",
      async () => {
        const [header, , signature] = (await platform.token("visitor")).split(".");
        return `${header}.${b64({ ...claims, roles: ["parvis-admin"] })}.${signature}`;
      },
    ],
  ];

  /** A validly signed token with changed claims: the simulator's own key is not available, so use a new key
   * published nowhere — what is tested here is the claim check, which must refuse even before the signature. */
  async function tamperedButSigned(overrides: Record<string, unknown>) {
    const jwk = await exportJWK(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey);
    return new SignJWT({ ...claims, ...overrides, exp: now() + 600 })
      .setProtectedHeader({ alg: "ES256" })
      .sign(await importJWK({ ...jwk, alg: "ES256" }, "ES256"));
  }

  it.each(cases)("refuses a token %s", async (_label, makeToken) => {
    const { status, body } = await platform.graphql("{ me { id roles } }", undefined, {
      token: await makeToken(),
    });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(body.data ?? null).toBeNull();
  });

  it.each(["Basic abc", "Bearer", "Bearer a.b", "bearer x.y.z extra"])(
    "refuses the header %j",
    async (header) => {
      const { status, body } = await platform.graphql("{ me { id } }", undefined, {
        headers: { authorization: header },
      });
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    },
  );

  it("tells `Bearer xxx` that the token is not a JWT, not that the header is not a Bearer one", async () => {
    for (const header of ["Bearer xxx", "bearer xxx"]) {
      const { status, body } = await platform.graphql("{ me { id } }", undefined, {
        headers: { authorization: header },
      });
      expect(status).toBe(401);
      expect(body.errors?.[0]?.message).toMatch(/n'est pas un jeton JWT/);
    }
  });

  it("accepts a token signed with the provider's rotated key", async () => {
    await platform.simulator.rotateKeys({ retainPreviousSeconds: 60 });
    const { body } = await platform.graphql("{ me { id } }", undefined, {
      token: await platform.token("resident"),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ me: { id: expect.any(String) } });
  });

  it("is still serving", async () => {
    const { status } = await platform.graphql("{ quartiers(first: 1) { totalCount } }");
    expect(status).toBe(200);
  });
});

describe("shared-secret mode (HS256, as the city's current code)", () => {
  const secret = "a-shared-secret-for-tests-that-is-long-enough-0123";
  let platform: SignedInPlatform;
  beforeAll(async () => {
    platform = await startSignedInPlatform({ hs256Secret: secret });
  });
  afterAll(() => platform?.close());

  it("accepts the provider's HS256 tokens", async () => {
    const { body } = await platform.graphql<{ me: { roles: string[] } }>("{ me { roles } }", undefined, {
      token: await platform.token("moderator"),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?.me.roles).toContain("MODERATOR");
  });

  it("refuses an RS256 token, even a well-formed one", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const claims = decodeJwt(await platform.token("resident"));
    const token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
    const { status } = await platform.graphql("{ me { id } }", undefined, { token });
    expect(status).toBe(401);
  });

  it("refuses an HS256 token signed with another secret", async () => {
    const claims = decodeJwt(await platform.token("resident"));
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("another-secret-another-secret-another-secret"));
    const { status } = await platform.graphql("{ me { id } }", undefined, { token });
    expect(status).toBe(401);
  });
});
