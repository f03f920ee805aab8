// Runs the MonStrasbourg.eu simulator standalone:
//   node_modules/.bin/node simulators/monstrasbourg/main.ts
// Configuration from MONSTRASBOURG_SIMULATOR_* variables (see README.md); JSON logs on stdout (pino).
import { pino } from "pino";
import { z } from "zod";
import { type MonStrasbourgSimulatorOptions, startMonStrasbourgSimulator } from "./index.ts";

const csv = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .optional();

const EnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MONSTRASBOURG_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4200),
  MONSTRASBOURG_SIMULATOR_HOST: z.string().default("127.0.0.1"),
  MONSTRASBOURG_SIMULATOR_PUBLIC_URL: z.url().optional(),
  MONSTRASBOURG_SIMULATOR_SIGNING: z.enum(["RS256", "ES256", "HS256"]).default("RS256"),
  MONSTRASBOURG_SIMULATOR_CLIENT_SECRET: z.string().min(16).optional(),
  MONSTRASBOURG_SIMULATOR_REDIRECT_URIS: csv,
  MONSTRASBOURG_SIMULATOR_POST_LOGOUT_REDIRECT_URIS: csv,
  MONSTRASBOURG_SIMULATOR_API_AUDIENCE: z.string().min(1).optional(),
  MONSTRASBOURG_SIMULATOR_ACCESS_TOKEN_FORMAT: z.enum(["jwt", "opaque"]).optional(),
  MONSTRASBOURG_SIMULATOR_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).optional(),
  MONSTRASBOURG_SIMULATOR_ID_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).optional(),
  MONSTRASBOURG_SIMULATOR_API_USERNAME: z.string().min(1).optional(),
  MONSTRASBOURG_SIMULATOR_API_PASSWORD: z.string().min(1).optional(),
  MONSTRASBOURG_SIMULATOR_SIGNATURE_ORIG: z.string().min(1).default("parvis"),
  MONSTRASBOURG_SIMULATOR_SIGNATURE_KEY: z.string().min(16).optional(),
  MONSTRASBOURG_SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  MONSTRASBOURG_SIMULATOR_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
  MONSTRASBOURG_SIMULATOR_KEYS_FILE: z.string().default(".data/monstrasbourg-simulator-keys.json"),
  MONSTRASBOURG_SIMULATOR_DOWN: z.enum(["true", "false", "1", "0", "503", "reset"]).default("false"),
});

function fail(message: string): never {
  process.stderr.write(`monstrasbourg-simulator: ${message}\n`);
  process.exit(1);
}

// Empty variables count as unset.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""),
);
const parsed = EnvSchema.safeParse(env);
if (!parsed.success) {
  fail(
    `invalid configuration — ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
  );
}
const config = parsed.data;
if (config.NODE_ENV === "production") {
  fail(
    "refusing to start with NODE_ENV=production: this is a development simulator that mints tokens on request",
  );
}
if (
  (config.MONSTRASBOURG_SIMULATOR_API_USERNAME === undefined) !==
  (config.MONSTRASBOURG_SIMULATOR_API_PASSWORD === undefined)
) {
  fail("set both MONSTRASBOURG_SIMULATOR_API_USERNAME and MONSTRASBOURG_SIMULATOR_API_PASSWORD, or neither");
}

const logger = pino({
  level: config.LOG_LEVEL,
  base: { service: "monstrasbourg-simulator" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["authorization", "token", "*.token", "password", "*.password"], censor: "[redacted]" },
});

const down = config.MONSTRASBOURG_SIMULATOR_DOWN;
const options: MonStrasbourgSimulatorOptions = {
  port: config.MONSTRASBOURG_SIMULATOR_PORT,
  host: config.MONSTRASBOURG_SIMULATOR_HOST,
  signing: config.MONSTRASBOURG_SIMULATOR_SIGNING,
  logger,
  faults: {
    latencyMs: config.MONSTRASBOURG_SIMULATOR_LATENCY_MS,
    errorRate: config.MONSTRASBOURG_SIMULATOR_ERROR_RATE,
    down: down === "true" || down === "1" || down === "503" || down === "reset",
    downMode: down === "reset" ? "reset" : "503",
  },
};
if (config.MONSTRASBOURG_SIMULATOR_PUBLIC_URL) options.publicUrl = config.MONSTRASBOURG_SIMULATOR_PUBLIC_URL;
if (config.MONSTRASBOURG_SIMULATOR_CLIENT_SECRET) {
  options.platformClientSecret = config.MONSTRASBOURG_SIMULATOR_CLIENT_SECRET;
}
if (config.MONSTRASBOURG_SIMULATOR_REDIRECT_URIS?.length) {
  options.platformRedirectUris = config.MONSTRASBOURG_SIMULATOR_REDIRECT_URIS;
}
if (config.MONSTRASBOURG_SIMULATOR_POST_LOGOUT_REDIRECT_URIS?.length) {
  options.platformPostLogoutRedirectUris = config.MONSTRASBOURG_SIMULATOR_POST_LOGOUT_REDIRECT_URIS;
}
if (config.MONSTRASBOURG_SIMULATOR_API_AUDIENCE)
  options.apiAudience = config.MONSTRASBOURG_SIMULATOR_API_AUDIENCE;
if (config.MONSTRASBOURG_SIMULATOR_ACCESS_TOKEN_FORMAT) {
  options.accessTokenFormat = config.MONSTRASBOURG_SIMULATOR_ACCESS_TOKEN_FORMAT;
}
if (config.MONSTRASBOURG_SIMULATOR_TOKEN_TTL_SECONDS) {
  options.tokenTtlSeconds = config.MONSTRASBOURG_SIMULATOR_TOKEN_TTL_SECONDS;
}
if (config.MONSTRASBOURG_SIMULATOR_ID_TOKEN_TTL_SECONDS) {
  options.idTokenTtlSeconds = config.MONSTRASBOURG_SIMULATOR_ID_TOKEN_TTL_SECONDS;
}
if (config.MONSTRASBOURG_SIMULATOR_API_USERNAME && config.MONSTRASBOURG_SIMULATOR_API_PASSWORD) {
  options.restApi = {
    username: config.MONSTRASBOURG_SIMULATOR_API_USERNAME,
    password: config.MONSTRASBOURG_SIMULATOR_API_PASSWORD,
  };
}
if (config.MONSTRASBOURG_SIMULATOR_SIGNATURE_KEY) {
  options.publikSignatureKeys = {
    [config.MONSTRASBOURG_SIMULATOR_SIGNATURE_ORIG]: config.MONSTRASBOURG_SIMULATOR_SIGNATURE_KEY,
  };
}

if (config.MONSTRASBOURG_SIMULATOR_KEYS_FILE) options.keysFile = config.MONSTRASBOURG_SIMULATOR_KEYS_FILE;

let simulator: Awaited<ReturnType<typeof startMonStrasbourgSimulator>>;
try {
  simulator = await startMonStrasbourgSimulator(options);
} catch (error) {
  logger.fatal({ err: error }, "monstrasbourg-simulator failed to start");
  process.exit(1);
}
logger.info(
  { personas: simulator.personas.map((persona) => ({ key: persona.key, uuid: persona.uuid })) },
  `MonStrasbourg.eu simulator ready — discovery at ${simulator.issuer}.well-known/openid-configuration`,
);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "monstrasbourg-simulator stopping");
  await simulator.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
