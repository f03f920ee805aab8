// Issue 15, item 5: the webhook SSRF guard. In production a subscription may not name an internal target however
// it is spelt (trailing dots, `*.localhost`, IPv4-compatible or -mapped IPv6, metadata names, benchmarking,
// IETF, reserved and multicast ranges), and a delivery checks the address its socket really connects to: a public
// name that resolves inside (or is re-pointed there after the subscription) is refused at connect time.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInPlatform, startSignedInPlatform } from "../../harness/withMonStrasbourg.ts";
import type { OutboxEvent } from "../../subgraphs/notifications/relay.ts";
import { postWebhook, type Resolver } from "../../subgraphs/notifications/webhooks.ts";

const INTERNAL_URLS = [
  "https://localhost./hook",
  "https://localhost.:8443/hook",
  "https://foo.localhost.:8443/hook",
  "https://[::127.0.0.1]:8443/hook",
  "https://[::ffff:127.0.0.1]/hook",
  "https://[::ffff:a00:1]/hook",
  "https://[::1]/hook",
  "https://metadata.google.internal./computeMetadata/v1/",
  "https://metadata/hook",
  "https://169.254.169.254/latest/meta-data/",
  "https://198.18.0.1/hook",
  "https://198.19.255.254/hook",
  "https://192.0.0.170/hook",
  "https://240.0.0.1/hook",
  "https://224.0.0.1/hook",
  "https://0.0.0.0/hook",
  "https://100.64.0.1/hook",
  "https://10.1.2.3/hook",
  "https://[fe80::1]/hook",
  "https://[fd12::1]/hook",
  "https://[ff02::1]/hook",
  "https://2130706433/hook",
  "https://0x7f.1/hook",
  "https://service.internal./hook",
];

describe("webhook subscriptions in production", () => {
  let platform: SignedInPlatform;
  let partnerToken: string;
  beforeAll(async () => {
    platform = await startSignedInPlatform({ productionRules: true });
    partnerToken = await platform.token("ems-partner");
  });
  afterAll(() => platform?.close());

  it.each(INTERNAL_URLS)("refuses %s as PrivateWebhookAddress", async (url) => {
    const { body } = await platform.graphql<{ createWebhookSubscription: { __typename: string } }>(
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { __typename } }`,
      { input: { url, eventTypes: ["report.status_changed"] } },
      { token: partnerToken },
    );
    expect(body.data?.createWebhookSubscription.__typename, JSON.stringify(body)).toBe(
      "PrivateWebhookAddress",
    );
  });

  it("accepts a public https partner", async () => {
    const { body } = await platform.graphql<{ createWebhookSubscription: { __typename: string } }>(
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { __typename } }`,
      { input: { url: "https://partenaire.example./hook", eventTypes: ["report.status_changed"] } },
      { token: partnerToken },
    );
    expect(body.data?.createWebhookSubscription.__typename).toBe("WebhookSubscriptionCreated");
  });
});

describe("webhook delivery checks the address it connects to", () => {
  let server: Server;
  let port: number;
  let hits = 0;
  const event: OutboxEvent = {
    id: "0193a1b2-0000-7000-8000-000000000001",
    type: "report.supported",
    subject: "report:x",
    payload: { reportId: "x" },
    occurredAt: new Date(),
    attempts: 0,
  };
  /** A DNS where the partner's public-looking names point wherever the test says. */
  const dns =
    (addresses: string[]): Resolver =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits++;
      request.resume();
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const deliver = (url: string, resolve: Resolver, blockPrivate: boolean) =>
    postWebhook({ url, secret: "s" }, event, { timeoutMs: 2000, blockPrivate, resolve });

  it("delivers to a name resolving to loopback in development (the control)", async () => {
    hits = 0;
    await deliver(`http://partenaire.example:${port}/hook`, dns(["127.0.0.1"]), false);
    expect(hits).toBe(1);
  });

  it("refuses, in production, a public name that resolves to loopback — with or without a trailing dot", async () => {
    hits = 0;
    for (const host of ["partenaire.example", "partenaire.example."])
      await expect(deliver(`http://${host}:${port}/hook`, dns(["127.0.0.1"]), true)).rejects.toThrow(
        /private or reserved/,
      );
    expect(hits).toBe(0);
  });

  it("refuses a name when any of its addresses is internal (round-robin rebinding)", async () => {
    hits = 0;
    await expect(
      deliver(`http://partenaire.example:${port}/hook`, dns(["93.184.215.14", "127.0.0.1"]), true),
    ).rejects.toThrow(/private or reserved/);
    await expect(
      deliver(`http://partenaire.example:${port}/hook`, dns(["::ffff:127.0.0.1"]), true),
    ).rejects.toThrow(/private or reserved/);
    expect(hits).toBe(0);
  });

  it("refuses literal internal addresses without resolving anything", async () => {
    hits = 0;
    for (const host of ["127.0.0.1", "[::ffff:127.0.0.1]", "localhost."])
      await expect(deliver(`http://${host}:${port}/hook`, dns([]), true)).rejects.toThrow(
        /private or reserved/,
      );
    expect(hits).toBe(0);
  });
});
