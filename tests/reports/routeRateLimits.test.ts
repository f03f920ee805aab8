// The HTTP routes of the reports subgraph are rate limited by the platform's one limiter (platform/rateLimit.ts):
// Open311 reads per address, Open311 posts per partner, photo uploads per person or address — and an address enters
// the cache only as its HMAC, never as such.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testJpeg } from "../../harness/testImages.ts";
import { createRateLimiter } from "../../platform/rateLimit.ts";
import { type ReportsPlatform, startReportsPlatform } from "./support.ts";

const API_KEY = "dev-only-open311-ems-partner-key-0123456789";
const CLIENT = "127.0.0.1";

describe("rate limits of the reports routes", () => {
  let platform: ReportsPlatform;
  let v2: string;
  let addressKey: string;
  beforeAll(async () => {
    platform = await startReportsPlatform({ env: { RATE_LIMIT_PER_IP: "3", RATE_LIMIT_PER_PARTNER: "2" } });
    v2 = `${platform.base}/open311/v2`;
    addressKey = createRateLimiter({
      cache: platform.cache,
      secret: platform.config.PSEUDONYM_SECRET,
      log: platform.log,
    }).addressKey(CLIENT);
  });
  afterAll(() => platform?.close());

  it("limits Open311 reads per address, counted under the address's HMAC", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${v2}/services.json`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await fetch(`${v2}/services.json`);
    expect(await refused.json()).toEqual([
      { code: 429, description: "Trop de requêtes : réessayez plus tard." },
    ]);
    expect(await platform.cache.get(`ratelimit:open311:${addressKey}`)).toBe("5");
    expect(await platform.cache.get(`ratelimit:open311:ip:${CLIENT}`)).toBeUndefined();
  });

  it("limits Open311 posts per partner", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${v2}/requests.json`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        // No service_code: refused after the limit is counted, so nothing is stored.
        body: new URLSearchParams({ api_key: API_KEY }).toString(),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 429]);
  });

  it("counts an anonymous photo upload under the address's HMAC", async () => {
    const upload = await platform.upload(testJpeg());
    expect(upload.status).toBe(201);
    expect(await platform.cache.get(`ratelimit:report-photo-upload:${addressKey}`)).toBe("1");
    expect(await platform.cache.get(`ratelimit:report-photo-upload:ip:${CLIENT}`)).toBeUndefined();
  });
});
