// The gateway's authenticator from configuration: MonStrasbourg.eu's keys behind the resilience wrapper.
import type { Cache } from "../../platform/cache/cache.ts";
import type { Config } from "../../platform/config.ts";
import type { Logger } from "../../platform/logger.ts";
import { createUpstream } from "../../platform/resilience/upstream.ts";
import { type Authenticate, bearerAuthenticator } from "./authenticate.ts";
import { createTokenVerifier } from "./tokenVerifier.ts";

export function createAuthenticator(config: Config, cache: Cache, log: Logger): Authenticate {
  const upstream = createUpstream({
    name: "monstrasbourg-keys",
    timeoutMs: config.MONSTRASBOURG_TIMEOUT_MS,
    retries: 2,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
    cache,
    log,
  });
  const verify = createTokenVerifier({
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE,
    clockToleranceSeconds: config.OIDC_CLOCK_SKEW_SECONDS,
    hs256Secret: config.OIDC_HS256_SECRET,
    jwksUrl: config.OIDC_JWKS_URL,
    upstream,
  });
  return bearerAuthenticator(verify, { pseudonymSecret: config.PSEUDONYM_SECRET });
}
