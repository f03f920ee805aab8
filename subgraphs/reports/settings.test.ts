import { describe, expect, it } from "vitest";
import { parseApiKeys } from "./settings.ts";

describe("Open311 API keys from configuration", () => {
  it("maps each key to its partner client, ignoring malformed or short entries", () => {
    const keys = parseApiKeys({
      OPEN311_API_KEYS:
        " key-of-the-ems-partner-000=ems-partner, short=x ,no-client-here-000000000=, k2-0123456789abcdef=app.mobile",
    });
    expect([...keys]).toEqual([
      ["key-of-the-ems-partner-000", "ems-partner"],
      ["k2-0123456789abcdef", "app.mobile"],
    ]);
  });
});
