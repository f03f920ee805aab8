import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, loadConfig } from "./config.ts";
import { CONFIGURATION_DOC_URL, renderConfigurationDoc } from "./configReference.ts";

describe("configuration", () => {
  it("documents every variable in docs/configuration.md", () => {
    const readme = readFileSync(new URL("../docs/configuration.md", import.meta.url), "utf8");
    const missing = CONFIG_VARIABLES.filter((name) => !new RegExp(`^\\| \`${name}\` +\\|`, "m").test(readme));
    expect(missing).toEqual([]);
  });

  it("keeps docs/configuration.md as generated from config.ts (run `npm run docs:config`)", () => {
    expect(readFileSync(CONFIGURATION_DOC_URL, "utf8")).toBe(renderConfigurationDoc());
  });

  it("defaults to the embedded backends and the simulators in development", () => {
    const config = loadConfig({});
    expect(config.embedded).toEqual({ database: true, cache: true });
    expect(config.SIMULATORS).toBe(true);
    expect(config.OIDC_ISSUER).toBe("http://127.0.0.1:4200/");
  });

  it("derives every URL not set from PORT", () => {
    const config = loadConfig({ PORT: "45100" });
    expect(config.PUBLIC_BASE_URL).toBe("http://localhost:45100");
    expect(config.MONSTRASBOURG_URL).toBe("http://127.0.0.1:45300");
    expect(config.OIDC_ISSUER).toBe("http://127.0.0.1:45300/");
    expect(config.STRASBOURG_EU_URL).toBe("http://127.0.0.1:45301");
    expect(config.OPENDATA_URL).toBe("http://127.0.0.1:45302");
    expect(config.REPORTS_GEOCODER_URL).toBe("http://127.0.0.1:45303");
    expect(config.SUBGRAPH_URL_IDENTITY).toBe("http://localhost:45201/graphql");
    expect(config.SUBGRAPH_URL_NOTIFICATIONS).toBe("http://localhost:45207/graphql");
    expect(loadConfig({}).MONSTRASBOURG_URL).toBe("http://127.0.0.1:4200");
    expect(loadConfig({ PORT: "0" }).SUBGRAPH_URL_REPORTS).toBe("http://localhost:4105/graphql");
    const explicit = loadConfig({ PORT: "45100", PUBLIC_BASE_URL: "https://parvis.strasbourg.eu" });
    expect(explicit.PUBLIC_BASE_URL).toBe("https://parvis.strasbourg.eu");
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", REDIS_URL: " " }).embedded).toEqual({
      database: true,
      cache: true,
    });
  });

  it("says what is wrong with an invalid value", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
  });

  it("refuses development secrets, simulators and embedded backends in production", () => {
    const production = {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://db/parvis",
      REDIS_URL: "redis://cache",
      PUBLIC_BASE_URL: "https://participer.strasbourg.eu",
      MONSTRASBOURG_URL: "https://connexion.strasbourg.eu",
      STRASBOURG_EU_URL: "https://www.strasbourg.eu",
      OPENDATA_URL: "https://data.strasbourg.eu",
      REPORTS_GEOCODER_URL: "https://data.geopf.fr/geocodage",
    };
    expect(() => loadConfig(production)).toThrow(/development secrets/);
    const secrets = Object.fromEntries(
      Object.entries(loadConfig({}))
        .filter(([, value]) => typeof value === "string" && value.startsWith("dev-only-"))
        .map(([key]) => [key, `a-real-secret-for-${key}-0123456789abcdef`]),
    );
    // A list of key=client_id entries, not a bare secret.
    secrets.OPEN311_API_KEYS = "a-real-open311-key-0123456789abcdef=ems-partner";
    // List settings too: the default CORS origins are a developer's machine (issue 15).
    expect(() => loadConfig({ ...production, ...secrets })).toThrow(/CORS_ORIGINS/);
    secrets.CORS_ORIGINS = "https://participer.strasbourg.eu";
    expect(() => loadConfig({ ...production, ...secrets })).not.toThrow();
    for (const origin of [
      "http://localhost:3000",
      "https://localhost.",
      "https://app.localhost",
      "http://x.eu",
    ])
      expect(() => loadConfig({ ...production, ...secrets, CORS_ORIGINS: `https://a.eu,${origin}` })).toThrow(
        /CORS_ORIGINS/,
      );
    expect(() =>
      loadConfig({ ...production, ...secrets, OPEN311_API_KEYS: "k-0123456789abcdef=a,dev-only-key-0123=b" }),
    ).toThrow(/OPEN311_API_KEYS/);
    expect(loadConfig({ ...production, ...secrets }).SIMULATORS).toBe(false);
    expect(() => loadConfig({ ...production, ...secrets, SIMULATORS: "true" })).toThrow(/SIMULATORS/);
    expect(() => loadConfig({ ...production, ...secrets, REDIS_URL: "" })).toThrow(/REDIS_URL/);
    // The derived defaults are this machine's simulators: production names every real service (issue 17).
    expect(() => loadConfig({ ...production, ...secrets, REPORTS_GEOCODER_URL: "" })).toThrow(
      /needs the address of each real service.*REPORTS_GEOCODER_URL/,
    );
    expect(() => loadConfig({ ...production, ...secrets, PUBLIC_BASE_URL: undefined })).toThrow(
      /PUBLIC_BASE_URL/,
    );
  });
});
