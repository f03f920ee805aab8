import { describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.ts";
import type { InternalClient } from "../../platform/internalClient.ts";
import { notificationWorkerEnabled } from "./worker.ts";

const client = (mode: InternalClient["mode"]): InternalClient => ({
  personalDataHolders: [],
  mode,
  request: async () => {
    throw new Error("unused");
  },
});

describe("where the delivery worker runs", () => {
  it("runs inside `npm start`, not in the notifications subgraph's own process, never under tests by default", () => {
    const development = loadConfig({ NODE_ENV: "development" });
    expect(notificationWorkerEnabled({ config: development, internal: client("in-process") })).toBe(true);
    expect(notificationWorkerEnabled({ config: development, internal: client("http") })).toBe(false);
    const test = loadConfig({ NODE_ENV: "test" });
    expect(notificationWorkerEnabled({ config: test, internal: client("in-process") })).toBe(false);
    const forced = loadConfig({ NODE_ENV: "test", NOTIFICATIONS_WORKER: "true" });
    expect(notificationWorkerEnabled({ config: forced, internal: client("http") })).toBe(true);
    const off = loadConfig({ NODE_ENV: "development", NOTIFICATIONS_WORKER: "false" });
    expect(notificationWorkerEnabled({ config: off, internal: client("in-process") })).toBe(false);
  });
});
