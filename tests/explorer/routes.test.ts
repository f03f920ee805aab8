// The explorer's HTTP routes without a browser: the page's own strict CSP, assets confined to the build, the
// staff-only schema, and a code exchange that refuses what it should.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExplorer } from "../../gateway/explorer/build.ts";
import { type ExplorerPlatform, startExplorerPlatform } from "./support.ts";

describe("explorer routes", () => {
  let platform: ExplorerPlatform;

  beforeAll(async () => {
    await buildExplorer({ ifStale: true });
    platform = await startExplorerPlatform();
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
  });

  it("serves the page and its assets under a strict, self-only Content-Security-Policy", async () => {
    const page = await fetch(`${platform.origin}/explorer`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    const html = await page.text();
    const script = /src="(\/explorer\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${platform.origin}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    // The API keeps its own policy.
    const api = await fetch(`${platform.origin}/health`);
    expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(api.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("serves nothing outside the build", async () => {
    for (const path of ["..%2fbuild.ts", "..%2F..%2Fpackage.json", ".build-stamp", "x.exe"]) {
      expect((await fetch(`${platform.origin}/explorer/assets/${path}`)).status).toBe(404);
    }
  });

  it("gives the schema to agents only", async () => {
    expect((await fetch(`${platform.origin}/explorer/schema.json`)).status).toBe(401);
    const asCitizen = await fetch(`${platform.origin}/explorer/schema.json`, {
      headers: { authorization: `Bearer ${await platform.token("resident")}` },
    });
    expect(asCitizen.status).toBe(403);
    const asAgent = await fetch(`${platform.origin}/explorer/schema.json`, {
      headers: { authorization: `Bearer ${await platform.token("agent")}` },
    });
    expect(asAgent.status).toBe(200);
    const introspection = (await asAgent.json()) as { __schema: { types: { name: string }[] } };
    expect(introspection.__schema.types.map((type) => type.name)).toContain("Investigation");
    // Internal elements stay out of the public schema.
    expect(introspection.__schema.types.map((type) => type.name)).not.toContain("AuditRecordInput");
  });

  it("says where to sign in, and refuses a malformed or foreign code exchange", async () => {
    const config = (await (await fetch(`${platform.origin}/explorer/config.json`)).json()) as Record<
      string,
      string
    >;
    expect(config).toEqual({
      authorizationEndpoint: `${platform.simulator.url}/idp/oidc/authorize/`,
      clientId: "parvis",
      scope: "openid roles",
    });
    const exchange = (body: unknown) =>
      fetch(`${platform.origin}/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const valid = {
      code: "0194b0c2-0000-7000-8000-000000000000",
      codeVerifier: "a".repeat(43),
      redirectUri: `${platform.origin}/auth/callback`,
      nonce: "n".repeat(22),
    };
    expect((await exchange({ ...valid, codeVerifier: "short" })).status).toBe(400);
    const foreign = await exchange({ ...valid, redirectUri: "https://attacker.example/auth/callback" });
    expect(foreign.status).toBe(400);
    const unknownCode = await exchange(valid);
    expect(unknownCode.status).toBe(400);
    expect(await unknownCode.json()).toMatchObject({ error: "invalid_grant" });
    expect(unknownCode.headers.get("cache-control")).toBe("no-store");
  });
});
