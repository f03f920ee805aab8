// A request must arrive within HTTP_RECEIVE_TIMEOUT_MS: Fastify sets no limit of its own, and an Open311 body sent
// one byte every five seconds kept its connection open for ever (outside probe, round 2).
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { createHttpApp } from "./httpApp.ts";
import { createLogger } from "./logger.ts";

describe("a request that arrives too slowly", () => {
  it("gets 408 and its connection closed once the receive timeout has passed", async () => {
    const app = createHttpApp({
      log: createLogger({ level: "silent" }),
      readiness: {},
      receiveTimeoutMs: 400,
    });
    app.post("/slow", async () => ({ ok: true }));
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as { port: number };
    const socket = connect({ host: "127.0.0.1", port });
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now())));
    const started = Date.now();
    socket.write(
      "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n",
    );
    // A byte every 100 ms: never idle long enough for a socket timeout, never complete.
    const drip = setInterval(() => socket.writable && socket.write("x"), 100);
    try {
      const at = await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(at - started).toBeLessThan(5_000);
    } finally {
      clearInterval(drip);
      socket.destroy();
      await app.close();
    }
  });
});
