// Small helpers shared by the routes of the reports subgraph: JSON errors in the platform's shape and a fixed-
// window rate limit in the cache port (an unavailable cache lets requests through: it must not take uploads down).
import type { FastifyReply } from "fastify";
import type { Cache } from "../../../platform/cache/cache.ts";
import { withCacheOutagePolicy } from "../../../platform/cache/outagePolicy.ts";
import type { Logger } from "../../../platform/logger.ts";

export function sendJsonError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply
    .status(status)
    .header("content-type", "application/json; charset=utf-8")
    .send({ error: { code, message, requestId: reply.request.id } });
}

export async function consumeRateLimit(
  cache: Cache,
  key: string,
  limit: number,
  windowSeconds: number,
  log: Logger,
): Promise<boolean> {
  return withCacheOutagePolicy(
    "rateLimit",
    async () => (await cache.increment(`ratelimit:${key}`, windowSeconds)).value <= limit,
    () => true,
    log,
  );
}
