// What each environment variable of config.ts means, from which docs/configuration.md is generated
// (`npm run docs:config`). Keyed by the schema's variables, so a new variable without its meaning fails the
// typecheck, and the config unit test fails when docs/configuration.md is stale.
import type { ConfigVariable } from "./config.ts";

export interface VariableDoc {
  /** What the variable does (Markdown). */
  meaning: string;
  /** How to show the default when the schema's own default is absent, secret or derived (Markdown). */
  default?: string;
}

export const CONFIG_DOCS: Record<ConfigVariable, VariableDoc> = {
  NODE_ENV: { meaning: "`development`, `test` or `production`" },
  HOST: { meaning: "address the gateway listens on" },
  PORT: {
    meaning:
      "port of the gateway (`/graphql`, `/health`, `/ready`); the URLs below that are not set derive from it (simulators at `PORT` + 200…202, subgraphs of distributed mode at `PORT` + 101…110)",
  },
  LOG_LEVEL: { meaning: "pino level (`silent` in tests)" },
  DATABASE_URL: {
    default: "_(unset: embedded PGlite)_",
    meaning: "PostgreSQL URL; switches to `@prisma/adapter-pg`",
  },
  DATABASE_POOL_MAX: { meaning: "connections per process" },
  DATABASE_POOL_WAIT_MS: {
    meaning:
      "longest a query or transaction waits in order for a free connection when all `DATABASE_POOL_MAX` are busy (0: no limit); reaching the server has its own 5 s limit",
  },
  PGLITE_DATA_DIR: { meaning: "embedded database folder (`memory://` for a throw-away one)" },
  SEED_ON_FIRST_START: { meaning: "load the demo data when the embedded database is empty" },
  REDIS_URL: { default: "_(unset: in-process LRU)_", meaning: "Redis URL for the cache port" },
  REDIS_COMMAND_TIMEOUT_MS: {
    meaning:
      "longest a Redis command waits before the cache counts as down for that call; after 3 failures in a row calls skip Redis for 5 s",
  },
  CACHE_MAX_ENTRIES: { meaning: "size of the in-process cache" },
  RESPONSE_CACHE: {
    meaning:
      "gateway: cache anonymous queries over public data (`@cacheControl` hints), invalidated by domain events",
  },
  RESPONSE_CACHE_MAX_AGE_SECONDS: {
    meaning: "longest an entry of the response cache lives, whatever the hints say",
  },
  CALLER_SIGNING_SECRET: { meaning: "HMAC key of the gateway → subgraph Caller header (≥ 32 chars)" },
  CALLER_SIGNING_SECRET_PREVIOUS: {
    meaning:
      "previous HMAC key of the Caller header, still accepted (never used to sign) during a rotation; remove it once every signer runs with the new key (docs/operations.md)",
  },
  CALLER_HEADER_MAX_AGE_SECONDS: { meaning: "validity of a signed Caller header" },
  CALLER_NONCE_WINDOW_MAX_ENTRIES: {
    meaning:
      "nonces each process remembers itself; the only replay protection while the cache is down ([security](security.md))",
  },
  PSEUDONYM_SECRET: { meaning: "key of the pseudonymous account ids (changing it changes every id)" },
  SIMULATORS: {
    default: "`true` except in production",
    meaning: "start the simulators of the city's systems with `npm start`",
  },
  MONSTRASBOURG_SIMULATOR_KEYS_FILE: {
    meaning:
      "development: where the MonStrasbourg.eu simulator keeps its signing keys, so tokens survive a restart (empty: new keys at every start)",
  },
  MONSTRASBOURG_URL: {
    default: "`http://127.0.0.1:` + (`PORT` + 200)",
    meaning: "base URL of MonStrasbourg.eu (Authentic2)",
  },
  MONSTRASBOURG_TIMEOUT_MS: { meaning: "timeout of each call to it" },
  MONSTRASBOURG_API_USERNAME: { meaning: "HTTP Basic user of its REST API" },
  MONSTRASBOURG_API_PASSWORD: { meaning: "HTTP Basic password of its REST API" },
  MONSTRASBOURG_SIGNATURE_ORIG: { meaning: "`orig` of Publik signed URLs" },
  MONSTRASBOURG_SIGNATURE_KEY: { meaning: "key of Publik signed URLs" },
  MONSTRASBOURG_SYNC_INTERVAL_SECONDS: { meaning: "how often deleted accounts are synchronised (0 = never)" },
  RETENTION_INTERVAL_SECONDS: { meaning: "how often retention rules are applied (0 = never)" },
  RETENTION_DATA_REQUESTS_DAYS: { meaning: "how long the evidence of export and erasure requests is kept" },
  OIDC_ISSUER: { default: "`MONSTRASBOURG_URL` + `/`", meaning: "expected `iss` of access tokens" },
  OIDC_AUDIENCE: { meaning: "expected `aud` of access tokens" },
  OIDC_JWKS_URL: {
    default: "`MONSTRASBOURG_URL` + `/idp/oidc/certs/`",
    meaning: "where the provider publishes its keys",
  },
  OIDC_HS256_SECRET: {
    default: "_(unset)_",
    meaning: "shared-secret mode: tokens are HS256 with this secret, asymmetric ones refused",
  },
  OIDC_CLOCK_SKEW_SECONDS: { meaning: "tolerance on `exp`/`nbf`/`iat`" },
  LIMIT_MAX_DEPTH: { meaning: "maximum depth of an operation" },
  LIMIT_MAX_ALIASES: { meaning: "maximum aliases in an operation" },
  LIMIT_MAX_ROOT_FIELDS: { meaning: "maximum root fields in an operation" },
  LIMIT_MAX_TOKENS: { meaning: "maximum tokens in a document" },
  LIMIT_MAX_DIRECTIVES: { meaning: "maximum directives in an operation" },
  LIMIT_COST_ANONYMOUS: { meaning: "cost budget of an operation from an anonymous caller" },
  LIMIT_COST_CITIZEN: { meaning: "cost budget of a signed-in citizen" },
  LIMIT_COST_STAFF: { meaning: "cost budget of staff, partners and the platform's jobs" },
  REQUEST_BODY_LIMIT_BYTES: { meaning: "largest request body (413 beyond)" },
  HTTP_RECEIVE_TIMEOUT_MS: {
    meaning:
      "longest time to receive a whole request, headers and body; a slower client gets 408 and its connection is closed",
  },
  HTTP_MAX_HEADER_BYTES: {
    meaning:
      "gateway: largest request line and headers (431 beyond); bounds Open311's `service_request_id` lists (~3,400 ids at 128 KiB)",
  },
  REQUEST_TIMEOUT_MS: { meaning: "longest an operation may take before a 503" },
  SUBGRAPH_TIMEOUT_MS: {
    meaning:
      "longest wait for one subgraph fetch (gateway) or call (between subgraphs, jobs, HTTP routes); beyond it the fields it serves are `null` with `UPSTREAM_UNAVAILABLE`",
  },
  RETRY_AFTER_SECONDS: {
    meaning:
      "delay clients are told to wait (`retryAfterSeconds`, `Retry-After`) when an outage refused their request",
  },
  SHUTDOWN_GRACE_SECONDS: {
    meaning: "after SIGTERM: longest time requests already received may take before the process exits anyway",
  },
  TRUSTED_PROXIES: {
    default: "_(empty: none)_",
    meaning:
      "addresses or CIDRs (comma-separated) of the proxies whose `X-Forwarded-For` is believed for the client's address (rate limits, logs, audit)",
  },
  QUERY_PLAN_CACHE_MIB: {
    meaning: "size of the gateway's query-plan store (approximate MiB, least recently used plans evicted)",
  },
  QUERY_PLAN_WARMUP: {
    meaning: "plan every registered operation (`schema/operations/manifest.json`) at start-up",
  },
  RATE_LIMIT_WINDOW_SECONDS: { meaning: "window of the per-IP, per-account and per-partner limits" },
  RATE_LIMIT_PER_IP: { meaning: "requests per window and IP" },
  RATE_LIMIT_PER_ACCOUNT: { meaning: "requests per window and account" },
  RATE_LIMIT_PER_PARTNER: { meaning: "requests per window and partner client" },
  RATE_LIMIT_SENSITIVE_PER_HOUR: { meaning: "per person and hour, for each sensitive mutation" },
  RATE_LIMIT_SENSITIVE_MUTATIONS: { meaning: "the mutations that matter (comma-separated)" },
  CORS_ORIGINS: { meaning: "browser origins allowed to call the API (comma-separated)" },
  TRUSTED_DOCUMENTS_ONLY: {
    default: "`true` in production, else `false`",
    meaning: "anonymous callers may run registered operations only",
  },
  LEDGER_SIGNING_KEY: {
    meaning: "Ed25519 key of the ledgers' signed heads (shared module; refused in production).",
  },
  LEDGER_TOKEN_SECRET: {
    meaning: "Secret of the per-petition pseudonymous tokens (shared module; refused in production).",
  },
  PETITION_MEETING_THRESHOLD: {
    meaning:
      "Signatures for a meeting with the elected official; also the threshold below which an expired petition is closed.",
  },
  PETITION_COUNCIL_THRESHOLD: {
    meaning:
      "Signatures for the municipal council; the quota of the displayed status. Must exceed the meeting threshold.",
  },
  PETITION_SIGNING_DAYS: { meaning: "Length of the signing period (the pact's three months)." },
  PETITION_NEW_DAYS: { meaning: "Displayed as `NEW` during this many days after opening." },
  PETITION_SOON_FINISHED_DAYS: {
    meaning: "Displayed as `SOON_FINISHED` during this many days before closing.",
  },
  PETITION_MIN_COAUTHORS: { meaning: "Co-authors who must have accepted before submission." },
  PETITION_MAX_COAUTHORS: { meaning: "Co-authors an author may invite." },
  PETITION_SIGN_MIN_VERIFICATION: {
    meaning:
      "Minimum verification level to sign and to author (`unverified`, `email_verified`, `resident_verified`).",
  },
  PETITION_SIGN_REQUIRE_RESIDENT: {
    meaning: "Residence in the Eurométropole (MonStrasbourg.eu claim) required.",
  },
  PETITION_SIGN_REQUIRE_PACT: { meaning: "Participation pact (`accord_placit`) required." },
  PETITION_SIGN_MIN_AGE: {
    meaning: "`none`, `16` or `18` (from the `age_band` claim; unknown age fails when a minimum applies).",
  },
  PETITION_TITLE_MIN_LENGTH: { meaning: "Shortest title, in characters." },
  PETITION_TITLE_MAX_LENGTH: { meaning: "Longest title, in characters." },
  PETITION_BODY_MIN_LENGTH: { meaning: "Shortest text, in characters." },
  PETITION_BODY_MAX_LENGTH: { meaning: "Longest text, in characters." },
  PETITION_RESPONSE_MAX_LENGTH: { meaning: "Length of the city's answer." },
  PETITION_CLOSE_INTERVAL_SECONDS: {
    meaning: "How often expired petitions are closed (0: never; never under `NODE_ENV=test`).",
  },
  STRASBOURG_EU_URL: {
    default: "`http://127.0.0.1:` + (`PORT` + 201)",
    meaning: "base URL of the Strasbourg.eu web services (`/api/jsonws/…` is appended)",
  },
  STRASBOURG_EU_TIMEOUT_MS: { meaning: "timeout of each call" },
  STRASBOURG_EU_API_USERNAME: { meaning: "HTTP Basic user of the agenda endpoints" },
  STRASBOURG_EU_API_PASSWORD: { meaning: "HTTP Basic password" },
  OPENDATA_URL: {
    default: "`http://127.0.0.1:` + (`PORT` + 202)",
    meaning: "base URL of the Opendatasoft portal",
  },
  OPENDATA_TIMEOUT_MS: { meaning: "timeout of each page" },
  OPENDATA_API_KEY: { default: "_(unset)_", meaning: "optional `Authorization: Apikey`" },
  OPENDATA_QUARTIERS_DATASET: { meaning: "dataset of the neighbourhood boundaries" },
  OPENDATA_COMMUNES_DATASET: { meaning: "dataset of the commune boundaries" },
  DIRECTORY_SYNC_INTERVAL_SECONDS: { meaning: "synchronisation period (0 = never)" },
  DIRECTORY_SYNC_STALE_AFTER_SECONDS: { meaning: "age beyond which a copy is reported `stale`" },
  DIRECTORY_SYNC_MAX_DELETE_RATIO: { meaning: "share of active records one run may delete" },
  DIRECTORY_RELATION_MAX_DEPTH: { meaning: "deepest relation walk" },
  DIRECTORY_RELATION_MAX_NODES: { meaning: "paths read by one walk at most (then `truncated`)" },
  DIRECTORY_MAX_BBOX_DEGREES: { meaning: "largest side of a bounding box" },
  DIRECTORY_MAX_RADIUS_METERS: { meaning: "largest `near` radius" },
  DIRECTORY_MAP_CLUSTER_THRESHOLD: { meaning: "points of one layer above which it is clustered" },
  DIRECTORY_MAP_CLUSTER_GRID: { meaning: "cells per side of the clustering grid" },
  DIRECTORY_MAP_LAYER_LIMIT: { meaning: "points asked of `reports` / `budget` per layer" },
  DIRECTORY_MAP_LAYER_TIMEOUT_MS: { meaning: "timeout of a remote layer" },
  BUDGET_VOTER_KEY_SECRET: {
    meaning:
      "HMAC key of the per-campaign voter keys (one ballot per person). Refused in production. Changing it lets people vote again in open campaigns.",
  },
  BUDGET_VOTE_REQUIRE_RESIDENT: {
    meaning: "Default of a new campaign: residence in the Eurométropole required to submit and vote",
  },
  BUDGET_VOTE_REQUIRE_PACT: { meaning: "Default: signed participation pact required" },
  BUDGET_VOTE_MIN_AGE: { meaning: "Default minimum age: `none`, `16` or `18`" },
  BUDGET_BALLOT_CHANGEABLE: { meaning: "Default: a ballot may be replaced until the vote closes" },
  BUDGET_VOTER_LINK_RETENTION_DAYS: {
    meaning:
      "days after a campaign's results during which a ballot stays linkable to its voter's key (then unlinkable for good)",
  },
  BUDGET_PROJECT_TITLE_MAX_LENGTH: { meaning: "Longest project title (at least 5 characters)" },
  BUDGET_PROJECT_DESCRIPTION_MAX_LENGTH: { meaning: "Longest project description (at least 20 characters)" },
  PUBLIC_BASE_URL: {
    default: "`http://localhost:` + `PORT`",
    meaning: "public base of the absolute URLs the API hands out (photos, Open311 discovery)",
  },
  REPORTS_PHOTO_DIR: { meaning: "folder of report photos (local-disk storage)" },
  REPORTS_PHOTO_MAX_BYTES: { meaning: "largest photo accepted (bytes)" },
  REPORTS_PHOTOS_PER_REPORT: { meaning: "photos per report" },
  REPORTS_UPLOAD_TTL_SECONDS: { meaning: "how long an upload waits for its report" },
  REPORTS_UPLOAD_SWEEP_SECONDS: { meaning: "interval of the purge of expired uploads (0 = off)" },
  REPORTS_DESCRIPTION_MAX_CHARS: { meaning: "longest description (Open311's limit; at most 4000)" },
  REPORTS_DUPLICATE_RADIUS_METERS: {
    meaning: "distance within which open reports of a category are proposed as duplicates",
  },
  REPORTS_DUPLICATE_MAX_AGE_DAYS: { meaning: "age up to which they are" },
  REPORTS_GEOCODER_URL: {
    default: "`http://127.0.0.1:` + (`PORT` + 203)",
    meaning:
      "base of the Base Adresse Nationale search API (`/search/` is appended) that locates reports given by address only; in production `https://data.geopf.fr/geocodage` (or `https://api-adresse.data.gouv.fr`); by default its simulator",
  },
  REPORTS_GEOCODER_TIMEOUT_MS: {
    meaning: "timeout of each geocoding call (one retry, circuit breaker, no cache)",
  },
  REPORTS_GEOCODER_MIN_SCORE: {
    meaning:
      "lowest BAN score accepted for an address; candidates within 0.05 of the best one and more than 150 m apart make the address ambiguous (refused)",
  },
  REPORTS_LOCATOR_TIMEOUT_MS: { meaning: "timeout of each call to the directory's `communeAt`/`quartierAt`" },
  RETENTION_REPORT_CONTACTS_DAYS: {
    meaning: "reporters' contact details are deleted this many days after their report closed",
  },
  OPEN311_JURISDICTION_ID: { meaning: "the Open311 jurisdiction served" },
  OPEN311_API_KEYS: {
    default: "`dev-only-open311-ems-partner-key-0123456789=ems-partner`",
    meaning:
      "API keys of partner services for Open311 POST, `key=client_id` pairs separated by commas, each split on its last `=` (keys may end in base64 padding); an entry that is not, or whose key is shorter than 16 characters, stops the start with a ConfigError naming the setting",
  },
  OIDC_CLIENT_ID: {
    meaning: "the platform's OIDC client at MonStrasbourg.eu (the staff explorer's sign-in)",
  },
  OIDC_CLIENT_SECRET: {
    meaning:
      "its secret; the gateway redeems the explorer's authorization code with it, the browser never sees it",
  },
  AUDIT_HASH_SECRET: { meaning: "HMAC key of the audit trail's hash of the variables" },
  SUBGRAPH_URL_IDENTITY: {
    default: "`http://localhost:` + (`PORT` + 101) + `/graphql`",
    meaning: "distributed mode: where the identity subgraph is",
  },
  SUBGRAPH_URL_DIRECTORY: {
    default: "`http://localhost:` + (`PORT` + 102) + `/graphql`",
    meaning: "… the directory subgraph",
  },
  SUBGRAPH_URL_PETITIONS: {
    default: "`http://localhost:` + (`PORT` + 103) + `/graphql`",
    meaning: "… the petitions subgraph",
  },
  SUBGRAPH_URL_BUDGET: {
    default: "`http://localhost:` + (`PORT` + 104) + `/graphql`",
    meaning: "… the budget subgraph",
  },
  SUBGRAPH_URL_REPORTS: {
    default: "`http://localhost:` + (`PORT` + 105) + `/graphql`",
    meaning: "… the reports subgraph",
  },
  SUBGRAPH_URL_STAFF: {
    default: "`http://localhost:` + (`PORT` + 106) + `/graphql`",
    meaning: "… the staff subgraph (explorer investigations, audit trail)",
  },
  SUBGRAPH_URL_NOTIFICATIONS: {
    default: "`http://localhost:` + (`PORT` + 107) + `/graphql`",
    meaning: "Distributed mode.",
  },
  SUBGRAPH_URL_COMMENTS: {
    default: "`http://localhost:` + (`PORT` + 108) + `/graphql`",
    meaning: "… the comments subgraph",
  },
  SUBGRAPH_URL_OPENDATA: {
    default: "`http://localhost:` + (`PORT` + 109) + `/graphql`",
    meaning: "… the opendata subgraph (open-data datasets, publication to the portal)",
  },
  OPENDATA_LICENSE: {
    meaning: "licence of every open dataset: `etalab-2.0` (Licence Ouverte 2.0), `odbl-1.0` or `cc-by-4.0`",
  },
  OPENDATA_PUBLISHER: { meaning: "publisher named in the open-data catalogue (DCAT-AP)" },
  OPENDATA_MIN_CELL_COUNT: {
    meaning:
      "small-cell threshold of the report aggregates: a category × quartier × month × status cell with fewer reports is not published (at least 2)",
  },
  OPENDATA_AUTOMATION_API_KEY: {
    default: "`dev-only-opendata-automation-api-key-0123456789`",
    meaning: "API key of the Opendatasoft Automation API (create, update and publish datasets)",
  },
  OPENDATA_PUBLISH_INTERVAL_SECONDS: {
    meaning: "the daily publication of the datasets to the portal (0 = never; events still trigger one)",
  },
  OPENDATA_PUBLISH_DEBOUNCE_MS: {
    meaning: "after a domain event, wait this long for more before publishing (0 = no event trigger)",
  },
  OPENDATA_PUBLISH_RETRY_SECONDS: {
    meaning: "after a publication with a failed dataset, try again this much later (0 = at the next trigger)",
  },
  SUBGRAPH_URL_PARTICIPATION: {
    default: "`http://localhost:` + (`PORT` + 110) + `/graphql`",
    meaning: "… the participation subgraph (city projects, consultations, Observatory referrals)",
  },
  PARTICIPATION_RESPONDENT_RETENTION_DAYS: {
    meaning:
      "days after a consultation closed before its responses and reactions lose the link to their account (pseudonymised; answers and counts kept)",
  },
  PARTICIPATION_REFERRER_RETENTION_DAYS: {
    meaning:
      "days after a referral to the Observatory was answered or declined before its referrer (account and collective name) is forgotten; the referral stays public",
  },
  PARTICIPATION_ADVANCE_INTERVAL_SECONDS: {
    meaning:
      "how often started project steps and consultations that opened or closed are announced to followers (0: never)",
  },
  NOTIFICATIONS_WORKER: {
    default: "on in `npm start`, off in `start:subgraph` and under `NODE_ENV=test`",
    meaning: "Run the delivery worker in this process (`npm run start:worker` always runs it).",
  },
  NOTIFICATIONS_WORKER_INTERVAL_MS: { meaning: "Pause between relay passes." },
  OUTBOX_LEASE_MS: { meaning: "Exclusive claim; afterwards a crashed worker's events are taken over." },
  OUTBOX_MAX_ATTEMPTS: { meaning: "Attempts before dead-lettering." },
  OUTBOX_BACKOFF_BASE_MS: {
    meaning: "first retry delay of an event delivery (exponential backoff with jitter)",
  },
  OUTBOX_BACKOFF_MAX_MS: { meaning: "longest retry delay" },
  WEBHOOK_TIMEOUT_MS: { meaning: "Per webhook POST." },
  METRICS_PORT: {
    default: "_(unset: no metrics endpoint)_",
    meaning:
      "port of `GET /metrics` (Prometheus text format) on `HOST`, apart from the public port; `npm run start:distributed` gives each process its own (gateway on `METRICS_PORT`, subgraphs `+ 1…10`, worker `+ 11`). Metrics and dashboard: docs/observability.md",
  },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    default: "_(unset: no tracing, no overhead)_",
    meaning:
      "OpenTelemetry collector (OTLP/HTTP, `/v1/traces` appended): every process exports its spans there, W3C `traceparent` links them (docs/observability.md)",
  },
  OTEL_TRACES_SAMPLER: {
    meaning:
      "which traces are kept (OpenTelemetry's standard names); `parentbased_*` follows the caller's decision, so a trace is kept or dropped whole",
  },
  OTEL_TRACES_SAMPLER_ARG: { meaning: "ratio of traces kept by the `*traceidratio` samplers, 0 to 1" },
};
