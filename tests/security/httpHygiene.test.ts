// HTTP hygiene: security headers, a CORS allow-list from configuration, CSRF prevention kept on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";

describe("HTTP hygiene", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ env: { CORS_ORIGINS: "https://participer.strasbourg.eu" } });
  });
  afterAll(() => platform?.close());

  it("sends security headers", async () => {
    const response = await fetch(platform.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("allows the configured origins only", async () => {
    const preflight = (origin: string) =>
      fetch(platform.url, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const allowed = await preflight("https://participer.strasbourg.eu");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://participer.strasbourg.eu");
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("keeps CSRF prevention on: a simple cross-site GET is refused", async () => {
    const response = await fetch(`${platform.url}?query=${encodeURIComponent("{ __typename }")}`);
    expect(response.status).toBe(400);
    const preflighted = await fetch(`${platform.url}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(preflighted.status).toBe(200);
  });
});
