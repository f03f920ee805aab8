// One typed configuration for every part of Parvis, read from the environment and validated with zod.
// Every variable here is documented in the README's table. Development defaults are refused in production.
import { z } from "zod";

const DEV_SECRET_PREFIX = "dev-only-";

const booleanFromEnv = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** An optional URL where an empty string means "not set" (so `FOO= npm test` switches a service off). */
const optionalUrl = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.url().optional(),
);

export const SUBGRAPH_NAMES = ["identity", "directory", "petitions", "budget", "reports"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("localhost"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  SEED_ON_FIRST_START: booleanFromEnv.default(true),

  REDIS_URL: optionalUrl,
  CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).default(50_000),

  CALLER_SIGNING_SECRET: z
    .string()
    .min(32)
    .default(`${DEV_SECRET_PREFIX}caller-signing-secret-0123456789abcdef`),
  CALLER_HEADER_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  PSEUDONYM_SECRET: z.string().min(32).default(`${DEV_SECRET_PREFIX}pseudonym-secret-0123456789abcdef0123`),

  SIMULATORS: booleanFromEnv.optional(),
  MONSTRASBOURG_URL: z.url().default("http://127.0.0.1:4200"),
  MONSTRASBOURG_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
  MONSTRASBOURG_API_USERNAME: z.string().default("parvis-api"),
  MONSTRASBOURG_API_PASSWORD: z.string().default(`${DEV_SECRET_PREFIX}monstrasbourg-api-password-0123456789`),
  MONSTRASBOURG_SIGNATURE_ORIG: z.string().default("parvis"),
  MONSTRASBOURG_SIGNATURE_KEY: z
    .string()
    .default(`${DEV_SECRET_PREFIX}monstrasbourg-publik-signature-key-0123456789`),
  MONSTRASBOURG_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(3600),
  OIDC_ISSUER: z.string().optional(),
  OIDC_AUDIENCE: z.string().default("parvis-api"),
  OIDC_JWKS_URL: optionalUrl,
  OIDC_HS256_SECRET: z.string().min(32).optional(),
  OIDC_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),

  SUBGRAPH_URL_IDENTITY: z.url().default("http://localhost:4101/graphql"),
  SUBGRAPH_URL_DIRECTORY: z.url().default("http://localhost:4102/graphql"),
  SUBGRAPH_URL_PETITIONS: z.url().default("http://localhost:4103/graphql"),
  SUBGRAPH_URL_BUDGET: z.url().default("http://localhost:4104/graphql"),
  SUBGRAPH_URL_REPORTS: z.url().default("http://localhost:4105/graphql"),
});

/** Every environment variable the platform reads (the README's table lists each one). */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape);

export type Config = Omit<z.infer<typeof ConfigSchema>, "SIMULATORS" | "OIDC_ISSUER" | "OIDC_JWKS_URL"> & {
  embedded: { database: boolean; cache: boolean };
  /** Start the local simulators of the city's systems (default: everywhere but production). */
  SIMULATORS: boolean;
  /** Expected `iss` of tokens; Authentic2's issuer is its base URL with a trailing slash. */
  OIDC_ISSUER: string;
  /** Where the token-signing keys are published (unused in HS256 mode). */
  OIDC_JWKS_URL: string;
};

/** The subgraph URLs used by a gateway in distributed mode, and the ports a subgraph listens on. */
export function subgraphUrl(config: Config, name: SubgraphName): string {
  const key = `SUBGRAPH_URL_${name.toUpperCase()}` as keyof Config;
  return config[key] as string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads and validates the environment. Throws a ConfigError whose message says what to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration — ${problems.join("; ")}`);
  }
  const data = parsed.data;
  const providerBase = data.MONSTRASBOURG_URL.replace(/\/+$/, "");
  const config: Config = {
    ...data,
    embedded: { database: data.DATABASE_URL === undefined, cache: data.REDIS_URL === undefined },
    SIMULATORS: data.SIMULATORS ?? data.NODE_ENV !== "production",
    OIDC_ISSUER: data.OIDC_ISSUER ?? `${providerBase}/`,
    OIDC_JWKS_URL: data.OIDC_JWKS_URL ?? `${providerBase}/idp/oidc/certs/`,
  };
  if (config.NODE_ENV === "production") refuseDevelopmentDefaults(config);
  return config;
}

function refuseDevelopmentDefaults(config: Config): void {
  const devSecrets = Object.entries(config)
    .filter(([, value]) => typeof value === "string" && value.startsWith(DEV_SECRET_PREFIX))
    .map(([key]) => key);
  if (devSecrets.length > 0) {
    throw new ConfigError(`NODE_ENV=production refuses development secrets: set ${devSecrets.join(", ")}`);
  }
  if (config.SIMULATORS) {
    throw new ConfigError("NODE_ENV=production refuses SIMULATORS=true: point the adapters at the city's systems");
  }
  if (config.embedded.database) {
    throw new ConfigError(
      "NODE_ENV=production needs DATABASE_URL (the embedded PGlite database is for development)",
    );
  }
  if (config.embedded.cache) {
    throw new ConfigError("NODE_ENV=production needs REDIS_URL (the in-process cache is for development)");
  }
}
