// A request Hive Gateway itself refuses (its CSRF prevention: a GET without a preflight-triggering header) is the
// client's mistake: a typed BAD_REQUEST with its reason, not a masked internal error written to the error log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../harness/platform.ts";

describe("Hive gateway, refusals of its own", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ engine: { name: "hive", planner: "rust" } });
  }, 300_000);
  afterAll(() => platform?.close());

  it("answers a GET without a preflight header as a bad request, not an internal error", async () => {
    const response = await fetch(`${platform.url}?query=${encodeURIComponent("{ __typename }")}`);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0]?.message).not.toMatch(/interne/i);
  });
});
