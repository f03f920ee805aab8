import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../platform/config.ts";
import { parseApiKeys } from "./settings.ts";

describe("Open311 API keys from configuration", () => {
  it("maps each key to its partner client, split on the last '=' so that base64 padding is kept", () => {
    const keys = parseApiKeys({
      OPEN311_API_KEYS:
        " key-of-the-ems-partner-000=ems-partner, ,c2VjcmV0LWtleS1mb3ItdGhlLWFwcA===app.mobile",
    });
    expect([...keys]).toEqual([
      ["key-of-the-ems-partner-000", "ems-partner"],
      ["c2VjcmV0LWtleS1mb3ItdGhlLWFwcA==", "app.mobile"],
    ]);
  });

  it("refuses a malformed entry at start, naming the setting and the entry but not the key", () => {
    for (const value of [
      "short=x",
      "no-client-here-000000000=",
      "no-equals-sign-0000000000",
      "a b c d e f g h i j=x",
    ]) {
      const start = () => loadConfig({ OPEN311_API_KEYS: `key-of-the-ems-partner-000=ems,${value}` });
      expect(start).toThrow(ConfigError);
      expect(start).toThrow(/OPEN311_API_KEYS: entry 2/);
      expect(start).not.toThrow(/key-of-the/);
    }
  });
});
