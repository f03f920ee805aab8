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

export const SUBGRAPH_NAMES = [
  "identity",
  "directory",
  "petitions",
  "budget",
  "reports",
  "staff",
  "notifications",
] as const;
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
  // The gateway's public response cache (gateway/responseCache/): anonymous queries over data hinted with
  // @cacheControl, invalidated by domain events; entries never live longer than RESPONSE_CACHE_MAX_AGE_SECONDS.
  RESPONSE_CACHE: booleanFromEnv.default(false),
  RESPONSE_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),

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
  // Retention rules (GDPR storage limitation), applied by a scheduled job through each subgraph's _applyRetention.
  RETENTION_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(86_400),
  RETENTION_DATA_REQUESTS_DAYS: z.coerce.number().int().min(1).default(1095),
  OIDC_ISSUER: z.string().optional(),
  OIDC_AUDIENCE: z.string().default("parvis-api"),
  OIDC_JWKS_URL: optionalUrl,
  OIDC_HS256_SECRET: z.string().min(32).optional(),
  OIDC_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),

  // Limits of the public endpoint (never disclosed in error messages).
  LIMIT_MAX_DEPTH: z.coerce.number().int().min(2).default(12),
  LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).default(20),
  LIMIT_MAX_ROOT_FIELDS: z.coerce.number().int().min(1).default(10),
  LIMIT_MAX_TOKENS: z.coerce.number().int().min(100).default(3000),
  LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(20),
  LIMIT_COST_ANONYMOUS: z.coerce.number().int().min(1).default(5_000),
  LIMIT_COST_CITIZEN: z.coerce.number().int().min(1).default(10_000),
  LIMIT_COST_STAFF: z.coerce.number().int().min(1).default(100_000),
  REQUEST_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(262_144),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  // Query plans: the gateway's plan store (approximate MiB) and the plans of registered operations made at start-up.
  QUERY_PLAN_CACHE_MIB: z.coerce.number().int().min(1).max(1024).default(30),
  QUERY_PLAN_WARMUP: booleanFromEnv.default(true),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_PER_PARTNER: z.coerce.number().int().min(1).default(3_000),
  RATE_LIMIT_SENSITIVE_PER_HOUR: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_SENSITIVE_MUTATIONS: z
    .string()
    .default("signPetition,withdrawSignature,castBallot,submitReport,submitBudgetProject,createPetition")
    .transform((value) =>
      value
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  CORS_ORIGINS: z
    .string()
    .default("http://localhost:3000,http://localhost:5173")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  TRUSTED_DOCUMENTS_ONLY: booleanFromEnv.optional(),

  // Verifiable ledgers (subgraphs/kit/ledger): Ed25519 key of the signed tree heads (PKCS#8 PEM or 32-byte seed in
  // hex/base64) and the secret of the per-subject pseudonymous tokens written in the entries.
  LEDGER_SIGNING_KEY: z
    .string()
    .min(32)
    .default(`${DEV_SECRET_PREFIX}ledger-signing-key-0123456789abcdef0123`),
  LEDGER_TOKEN_SECRET: z
    .string()
    .min(32)
    .default(`${DEV_SECRET_PREFIX}ledger-token-secret-0123456789abcdef012`),

  // Petitions (subgraphs/petitions): the city's rules, as configuration.
  PETITION_MEETING_THRESHOLD: z.coerce.number().int().min(1).default(500),
  PETITION_COUNCIL_THRESHOLD: z.coerce.number().int().min(1).default(2800),
  PETITION_SIGNING_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  PETITION_NEW_DAYS: z.coerce.number().int().min(0).default(7),
  PETITION_SOON_FINISHED_DAYS: z.coerce.number().int().min(0).default(7),
  PETITION_MIN_COAUTHORS: z.coerce.number().int().min(0).max(50).default(0),
  PETITION_MAX_COAUTHORS: z.coerce.number().int().min(0).max(100).default(20),
  PETITION_SIGN_MIN_VERIFICATION: z
    .enum(["unverified", "email_verified", "resident_verified"])
    .default("resident_verified"),
  PETITION_SIGN_REQUIRE_RESIDENT: booleanFromEnv.default(true),
  PETITION_SIGN_REQUIRE_PACT: booleanFromEnv.default(true),
  PETITION_SIGN_MIN_AGE: z.enum(["none", "16", "18"]).default("16"),
  PETITION_TITLE_MIN_LENGTH: z.coerce.number().int().min(1).default(10),
  PETITION_TITLE_MAX_LENGTH: z.coerce.number().int().min(1).max(1000).default(150),
  PETITION_BODY_MIN_LENGTH: z.coerce.number().int().min(1).default(50),
  PETITION_BODY_MAX_LENGTH: z.coerce.number().int().min(1).max(100_000).default(10_000),
  PETITION_RESPONSE_MAX_LENGTH: z.coerce.number().int().min(1).max(100_000).default(20_000),
  PETITION_CLOSE_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),

  // Directory (subgraphs/directory): Strasbourg.eu JSON web services (HTTP Basic on the agenda endpoints), the
  // Opendatasoft portal (Explore API v2.1), the synchronisation job, and the limits of geography and relations.
  STRASBOURG_EU_URL: z.url().default("http://127.0.0.1:4201"),
  STRASBOURG_EU_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(5000),
  STRASBOURG_EU_API_USERNAME: z.string().default("parvis"),
  STRASBOURG_EU_API_PASSWORD: z.string().default(`${DEV_SECRET_PREFIX}strasbourg-eu-api-password-0123456789`),
  OPENDATA_URL: z.url().default("http://127.0.0.1:4202"),
  OPENDATA_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(5000),
  OPENDATA_API_KEY: z.string().optional(),
  OPENDATA_QUARTIERS_DATASET: z.string().min(1).default("quartiers_elus_2020"),
  OPENDATA_COMMUNES_DATASET: z.string().min(1).default("communes_eurometropole"),
  DIRECTORY_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(3600),
  DIRECTORY_SYNC_STALE_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(4 * 3600),
  DIRECTORY_SYNC_MAX_DELETE_RATIO: z.coerce.number().min(0).max(1).default(0.5),
  DIRECTORY_RELATION_MAX_DEPTH: z.coerce.number().int().min(1).max(6).default(3),
  DIRECTORY_RELATION_MAX_NODES: z.coerce.number().int().min(10).max(5000).default(500),
  DIRECTORY_MAX_BBOX_DEGREES: z.coerce.number().min(0.01).max(10).default(0.5),
  DIRECTORY_MAX_RADIUS_METERS: z.coerce.number().int().min(100).max(100_000).default(20_000),
  DIRECTORY_MAP_CLUSTER_THRESHOLD: z.coerce.number().int().min(10).max(10_000).default(200),
  DIRECTORY_MAP_CLUSTER_GRID: z.coerce.number().int().min(2).max(64).default(12),
  DIRECTORY_MAP_LAYER_LIMIT: z.coerce.number().int().min(10).max(20_000).default(2000),
  DIRECTORY_MAP_LAYER_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(3000),

  // Participatory budget (subgraphs/budget): defaults of a new campaign's rules (each campaign stores its own),
  // the HMAC key of the per-campaign voter keys (one ballot per person), and the limits of project texts.
  BUDGET_VOTER_KEY_SECRET: z
    .string()
    .min(32)
    .default(`${DEV_SECRET_PREFIX}budget-voter-key-secret-0123456789abcdef`),
  BUDGET_VOTE_REQUIRE_RESIDENT: booleanFromEnv.default(true),
  BUDGET_VOTE_REQUIRE_PACT: booleanFromEnv.default(true),
  BUDGET_VOTE_MIN_AGE: z.enum(["none", "16", "18"]).default("16"),
  BUDGET_BALLOT_CHANGEABLE: booleanFromEnv.default(true),
  BUDGET_VOTER_LINK_RETENTION_DAYS: z.coerce.number().int().min(0).default(365),
  BUDGET_PROJECT_TITLE_MAX_LENGTH: z.coerce.number().int().min(10).max(1000).default(150),
  BUDGET_PROJECT_DESCRIPTION_MAX_LENGTH: z.coerce.number().int().min(50).max(100_000).default(10_000),

  // Reports (subgraphs/reports): photos (storage folder, limits, upload lifetime), duplicate proposals, the
  // directory locator, and the Open311 GeoReport v2 endpoint (jurisdiction, API keys of partner services as
  // comma-separated `key=client_id` pairs). PUBLIC_BASE_URL makes the absolute URLs the API hands out.
  PUBLIC_BASE_URL: z.url().default("http://localhost:4000"),
  REPORTS_PHOTO_DIR: z.string().min(1).default(".data/report-photos"),
  REPORTS_PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).max(52_428_800).default(8_388_608),
  REPORTS_PHOTOS_PER_REPORT: z.coerce.number().int().min(0).max(20).default(5),
  REPORTS_UPLOAD_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  REPORTS_UPLOAD_SWEEP_SECONDS: z.coerce.number().int().min(0).default(900),
  REPORTS_DESCRIPTION_MAX_CHARS: z.coerce.number().int().min(100).max(4000).default(4000),
  REPORTS_DUPLICATE_RADIUS_METERS: z.coerce.number().min(1).max(5000).default(50),
  REPORTS_DUPLICATE_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  REPORTS_LOCATOR_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
  // Retention: reporters' contact details are deleted this many days after their report was closed.
  RETENTION_REPORT_CONTACTS_DAYS: z.coerce.number().int().min(1).default(180),
  OPEN311_JURISDICTION_ID: z.string().min(1).default("strasbourg.eu"),
  OPEN311_API_KEYS: z.string().default(`${DEV_SECRET_PREFIX}open311-ems-partner-key-0123456789=ems-partner`),

  // Staff explorer (gateway/explorer) and audit trail (gateway/audit, subgraphs/staff): the platform's confidential
  // client at MonStrasbourg.eu, with which the gateway redeems the explorer's authorization code (the secret never
  // reaches the browser), and the HMAC key of the audit trail's variables hash.
  OIDC_CLIENT_ID: z.string().min(1).default("parvis"),
  OIDC_CLIENT_SECRET: z
    .string()
    .min(16)
    .default(`${DEV_SECRET_PREFIX}monstrasbourg-parvis-client-secret-0123456789`),
  AUDIT_HASH_SECRET: z
    .string()
    .min(32)
    .default(`${DEV_SECRET_PREFIX}audit-hash-secret-0123456789abcdef0123456`),

  SUBGRAPH_URL_IDENTITY: z.url().default("http://localhost:4101/graphql"),
  SUBGRAPH_URL_DIRECTORY: z.url().default("http://localhost:4102/graphql"),
  SUBGRAPH_URL_PETITIONS: z.url().default("http://localhost:4103/graphql"),
  SUBGRAPH_URL_BUDGET: z.url().default("http://localhost:4104/graphql"),
  SUBGRAPH_URL_REPORTS: z.url().default("http://localhost:4105/graphql"),
  SUBGRAPH_URL_STAFF: z.url().default("http://localhost:4106/graphql"),
  SUBGRAPH_URL_NOTIFICATIONS: z.url().default("http://localhost:4107/graphql"),
  // Notifications (subgraphs/notifications, issue 11): the delivery worker (in `npm start`, or alone with
  // `npm run start:worker`; off under NODE_ENV=test, where tests drive it), its retries and dead-letter threshold,
  // and partner webhooks. The emitting subgraphs are discovered (those exposing `_claimEvents`), not configured.
  NOTIFICATIONS_WORKER: booleanFromEnv.optional(),
  NOTIFICATIONS_WORKER_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(12),
  OUTBOX_BACKOFF_BASE_MS: z.coerce.number().int().min(10).default(1000),
  OUTBOX_BACKOFF_MAX_MS: z.coerce.number().int().min(100).default(3_600_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
});

/** Every environment variable the platform reads (docs/configuration.md lists each one). */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape);

export type Config = Omit<
  z.infer<typeof ConfigSchema>,
  "SIMULATORS" | "OIDC_ISSUER" | "OIDC_JWKS_URL" | "TRUSTED_DOCUMENTS_ONLY"
> & {
  /** Anonymous callers may run registered operations only (default: in production). */
  TRUSTED_DOCUMENTS_ONLY: boolean;
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
    TRUSTED_DOCUMENTS_ONLY: data.TRUSTED_DOCUMENTS_ONLY ?? data.NODE_ENV === "production",
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
    throw new ConfigError(
      "NODE_ENV=production refuses SIMULATORS=true: point the adapters at the city's systems",
    );
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
