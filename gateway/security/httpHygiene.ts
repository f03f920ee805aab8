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
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin === undefined || allowed.has(origin)),
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["content-type", "authorization", "apollo-require-preflight", "x-request-id"],
    exposedHeaders: ["x-request-id", "retry-after"],
    maxAge: 600,
  });
}
