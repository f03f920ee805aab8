// TRUSTED_PROXIES: off by default (X-Forwarded-For ignored: a client cannot pick its address, hence its rate-limit
// budget); with the city's proxies listed, the address they forward is the client's — for rate limits (which key
// on request.ip) and the request logs (a keyed pseudonym of it).
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { clientPseudonym, createHttpApp } from "./httpApp.ts";
import { createLogger } from "./logger.ts";

const SECRET = "a-test-pseudonym-secret-0123456789abcdef";

async function ipSeen(trustedProxies: string[], remoteAddress: string) {
  const lines: string[] = [];
  const log = createLogger({
    level: "info",
    name: "test",
    destination: { write: (line) => lines.push(line) },
  });
  const app = createHttpApp({ log, readiness: {}, trustedProxies, pseudonymSecret: SECRET });
  app.get("/ip", async (request) => ({ ip: request.ip }));
  const response = await app.inject({
    url: "/ip",
    remoteAddress,
    headers: { "X-Forwarded-For": "203.0.113.7, 10.1.2.3" },
  });
  await app.close();
  const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === "request completed");
  return { ip: (response.json() as { ip: string }).ip, logged };
}

describe("trusted proxies", () => {
  it("ignores X-Forwarded-For by default", async () => {
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect((await ipSeen([], "10.1.2.3")).ip).toBe("10.1.2.3");
  });

  it("believes the listed proxies, hop by hop, and only them", async () => {
    // The peer and the last hop are trusted proxies: the client is the address before them.
    expect((await ipSeen(["10.0.0.0/8"], "10.9.9.9")).ip).toBe("203.0.113.7");
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    expect((await ipSeen(["10.0.0.0/8"], "198.51.100.4")).ip).toBe("198.51.100.4");
  });

  it("logs a pseudonym of the client's address, never the address", async () => {
    const { logged } = await ipSeen(["10.0.0.0/8"], "10.9.9.9");
    expect(logged.client).toBe(clientPseudonym("203.0.113.7", SECRET));
    expect(JSON.stringify(logged)).not.toContain("203.0.113.7");
  });

  it("reads addresses and CIDRs, and refuses anything else", () => {
    expect(loadConfig({ TRUSTED_PROXIES: " 10.0.0.0/8, ::1 ,192.0.2.10" }).TRUSTED_PROXIES).toEqual([
      "10.0.0.0/8",
      "::1",
      "192.0.2.10",
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: "proxy.example" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
  });
});
