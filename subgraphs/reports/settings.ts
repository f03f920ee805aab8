// The reports subgraph's view of the configuration (platform/config.ts holds and validates the variables).
import { type Config, open311ApiKeyEntries } from "../../platform/config.ts";

export interface ReportsSettings {
  publicBaseUrl: string;
  photoDir: string;
  photoMaxBytes: number;
  photosPerReport: number;
  uploadTtlSeconds: number;
  uploadSweepSeconds: number;
  descriptionMaxChars: number;
  duplicateRadiusMeters: number;
  duplicateMaxAgeDays: number;
  locatorTimeoutMs: number;
  geocoder: { url: string; timeoutMs: number; minScore: number };
  /** Reporters' contact details are kept this many days after their report is closed. */
  contactRetentionDays: number;
  open311: {
    jurisdictionId: string;
    /** API key → partner client id. */
    apiKeys: ReadonlyMap<string, string>;
  };
}

export function reportsSettings(config: Config): ReportsSettings {
  return {
    publicBaseUrl: config.PUBLIC_BASE_URL.replace(/\/+$/, ""),
    photoDir: config.REPORTS_PHOTO_DIR,
    photoMaxBytes: config.REPORTS_PHOTO_MAX_BYTES,
    photosPerReport: config.REPORTS_PHOTOS_PER_REPORT,
    uploadTtlSeconds: config.REPORTS_UPLOAD_TTL_SECONDS,
    uploadSweepSeconds: config.REPORTS_UPLOAD_SWEEP_SECONDS,
    descriptionMaxChars: config.REPORTS_DESCRIPTION_MAX_CHARS,
    duplicateRadiusMeters: config.REPORTS_DUPLICATE_RADIUS_METERS,
    duplicateMaxAgeDays: config.REPORTS_DUPLICATE_MAX_AGE_DAYS,
    locatorTimeoutMs: config.REPORTS_LOCATOR_TIMEOUT_MS,
    geocoder: {
      url: config.REPORTS_GEOCODER_URL.replace(/\/+$/, ""),
      timeoutMs: config.REPORTS_GEOCODER_TIMEOUT_MS,
      minScore: config.REPORTS_GEOCODER_MIN_SCORE,
    },
    contactRetentionDays: config.RETENTION_REPORT_CONTACTS_DAYS,
    open311: { jurisdictionId: config.OPEN311_JURISDICTION_ID, apiKeys: parseApiKeys(config) },
  };
}

/**
 * `key=client,key2=client2` → map, split on each entry's last `=` (keys may end in base64 padding). Malformed
 * entries never get here: loadConfig refuses them at start with a ConfigError naming OPEN311_API_KEYS.
 */
export function parseApiKeys(config: Pick<Config, "OPEN311_API_KEYS">): Map<string, string> {
  return new Map(open311ApiKeyEntries(config.OPEN311_API_KEYS).entries);
}

/** The public URL of a stored photo (served by the route of http/media.ts). */
export function photoUrl(
  settings: Pick<ReportsSettings, "publicBaseUrl">,
  id: string,
  mediaType: string,
): string {
  return `${settings.publicBaseUrl}/media/report-photos/${id}.${mediaType === "image/png" ? "png" : "jpg"}`;
}
