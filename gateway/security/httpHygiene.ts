// HTTP hygiene of the public endpoint: security headers (helmet) and a CORS allow-list from configuration.
// CSRF prevention is Apollo Server's (on by default): a browser cannot send a "simple" cross-site request that
// Apollo would execute, since GET needs a preflight-triggering header and POST needs application/json.
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
import type { Config } from "../../platform/config.ts";

export async function registerHttpHygiene(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    // The API answers JSON only; pages with their own needs (the explorer) set their own policy.
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: "same-site" },
    hsts: config.NODE_ENV === "production",
  });
  const allowed = new Set(config.CORS_ORIGINS);
  const api = {
    origin: (origin: string | undefined, callback: (error: Error | null, allow: boolean) => void) =>
      callback(null, origin === undefined || allowed.has(origin)),
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["content-type", "authorization", "apollo-require-preflight", "x-request-id"],
    exposedHeaders: ["x-request-id", "retry-after"],
    maxAge: 600,
  };
  // Open data is for any site to reuse (a portal, a newsroom's chart): every origin may read it, with the headers
  // a conditional download needs. It is public and read-only, and no credentials are accepted with it.
  const openData = {
    origin: "*",
    methods: ["GET", "HEAD", "OPTIONS"],
    allowedHeaders: ["if-none-match", "if-modified-since", "x-request-id"],
    exposedHeaders: ["etag", "last-modified", "content-disposition", "x-request-id", "retry-after"],
    maxAge: 600,
  };
  await app.register(cors, {
    delegator: (request, callback) =>
      callback(null, request.url?.startsWith(OPEN_DATA_PREFIX) ? openData : api),
  });
}

const OPEN_DATA_PREFIX = "/open-data/";
