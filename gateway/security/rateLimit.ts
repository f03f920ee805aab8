// Rate limits of /graphql, with the platform's one limiter (platform/rateLimit.ts: fixed windows in the cache port,
// addresses keyed by an HMAC, fail open when the cache is down): per IP, per account and per partner client in a
// fixed window, and tighter per account (or IP) on the mutations that matter (signing, voting, reporting).
import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Cache } from "../../platform/cache/cache.ts";
import type { Config } from "../../platform/config.ts";
import type { Logger } from "../../platform/logger.ts";
import { rateLimiterFor } from "../../platform/rateLimit.ts";
import type { GatewayContext } from "../dataSources.ts";
import type { ResolvedOperation } from "../operation.ts";
import { rootFieldNames } from "./rootFields.ts";

const HOUR = 3600;

function rateLimited(retryAfterSeconds: number): GraphQLError {
  const headers = new HeaderMap([["retry-after", String(retryAfterSeconds)]]);
  return new GraphQLError(`Trop de requêtes : réessayez dans ${retryAfterSeconds} s.`, {
    // Apollo Server reads a HeaderMap here (Hive Gateway's adapter turns it into a plain object).
    extensions: { code: "RATE_LIMITED", retryAfterSeconds, http: { status: 429, headers: headers as never } },
  });
}

/** The rate limits of both engines: resolves when the request may run, throws RATE_LIMITED otherwise. */
export function createRateLimiter(deps: {
  config: Config;
  cache: Cache;
  log: Logger;
}): (resolved: Pick<ResolvedOperation, "operation" | "document" | "context">) => Promise<void> {
  const { config } = deps;
  const limiter = rateLimiterFor(deps);
  const sensitive = new Set(config.RATE_LIMIT_SENSITIVE_MUTATIONS);

  /** False when the cache is down: the remaining checks of the request are skipped too (fail open). */
  async function consume(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    const verdict = await limiter.consume(key, limit, windowSeconds);
    if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds);
    return verdict.counted;
  }

  return async ({ operation, document, context }) => {
    const { caller, clientIp } = context;
    const window = config.RATE_LIMIT_WINDOW_SECONDS;
    const address = limiter.addressKey(clientIp ?? "unknown");
    const who = caller.accountId ? `account:${caller.accountId}` : address;
    const checks: [string, number, number][] = [[address, config.RATE_LIMIT_PER_IP, window]];
    if (caller.accountId) checks.push([`account:${caller.accountId}`, config.RATE_LIMIT_PER_ACCOUNT, window]);
    if (caller.partnerClientId)
      checks.push([`partner:${caller.partnerClientId}`, config.RATE_LIMIT_PER_PARTNER, window]);
    if (operation.operation === "mutation") {
      // Every root field that will run, fragments expanded and each alias counted.
      for (const field of rootFieldNames(document, operation)) {
        if (sensitive.has(field))
          checks.push([`${field}:${who}`, config.RATE_LIMIT_SENSITIVE_PER_HOUR, HOUR]);
      }
    }
    // The platform's own jobs are not limited; partners have their own, larger, budget.
    if (caller.kind === "system") return;
    for (const [key, limit, seconds] of checks) {
      const checked = await consume(
        key,
        caller.partnerClientId && key.startsWith("ip:") ? config.RATE_LIMIT_PER_PARTNER : limit,
        seconds,
      );
      if (!checked) return;
    }
  };
}

/** The Apollo Server adapter (the Hive Gateway one is gateway/hive/plugins.ts). */
export function rateLimitPlugin(deps: {
  config: Config;
  cache: Cache;
  log: Logger;
}): ApolloServerPlugin<GatewayContext> {
  const limit = createRateLimiter(deps);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation) await limit({ operation, document, context: contextValue });
        },
      };
    },
  };
}
