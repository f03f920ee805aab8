import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./relay.ts";
import { checkWebhookUrl, isPrivateHost, signWebhook, verifyWebhookSignature } from "./webhooks.ts";

describe("webhook signatures", () => {
  const secret = "0123456789abcdef0123456789abcdef";
  const body = '{"id":"e1","type":"report.status_changed"}';

  it("verifies its own signature and refuses a changed body, another secret or an old timestamp", () => {
    const header = signWebhook(secret, body, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, body, header, 1_800_000_010)).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, header, 1_800_000_010)).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, body, header, 1_800_000_010)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, 1_800_001_000)).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined, 1_800_000_010)).toBe(false);
    expect(verifyWebhookSignature(secret, body, "t=abc,v1=00", 1_800_000_010)).toBe(false);
  });
});

describe("webhook URLs", () => {
  it("accepts public https in production, anything http(s) in development", () => {
    expect(checkWebhookUrl("https://partenaire.example/hooks", true)).toBeNull();
    expect(checkWebhookUrl("http://127.0.0.1:8080/hooks", false)).toBeNull();
    expect(checkWebhookUrl("http://partenaire.example/hooks", true)).toBe("InsecureWebhookUrl");
    expect(checkWebhookUrl("https://192.168.1.10/hooks", true)).toBe("PrivateWebhookAddress");
    expect(checkWebhookUrl("https://user:pw@partenaire.example/", false)).toBe("InvalidWebhookUrl");
    expect(checkWebhookUrl("javascript:alert(1)", false)).toBe("InvalidWebhookUrl");
  });

  it("knows private and loopback addresses", () => {
    for (const host of [
      "127.0.0.1",
      "10.0.0.1",
      "172.16.5.4",
      "169.254.169.254",
      "[::1]",
      "fd00::1",
      "localhost",
    ])
      expect(isPrivateHost(host)).toBe(true);
    for (const host of ["8.8.8.8", "172.32.0.1", "partenaire.example", "2606:4700::1"])
      expect(isPrivateHost(host)).toBe(false);
  });
});

describe("retry backoff", () => {
  it("grows exponentially up to the cap, jittered within the upper half", () => {
    expect(backoffDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelayMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffDelayMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
