// Structured JSON logs (pino). Personal data never reaches a log: the fields that could carry it are redacted
// wherever they appear, and callers log pseudonymous account ids only.
import { type Logger, pino } from "pino";

export type { Logger };

const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-parvis-caller"]',
  "headers.authorization",
  "authorization",
  "token",
  "accessToken",
  "idToken",
  "password",
  "email",
  "*.email",
  "*.password",
  "*.token",
  "variables",
];

export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    level: options.level,
    base: options.name ? { service: options.name } : {},
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
