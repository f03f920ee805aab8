// AccountDirectory on MonStrasbourg.eu's Authentic2 REST API (HTTP Basic): `GET /api/users/{uuid}/` for
// profiles and `POST /api/users/synchronization/` for deleted accounts. Every call goes through the resilience
// wrapper; profiles are cached under the pseudonymous account id (never the upstream subject) with a stale
// window, so a short outage still shows names. Only the fields Parvis displays are read: the adapter must not
// depend on undocumented fields for anything else, and drops the rest (including `password`) at once.
import { z } from "zod";
import type { Cache } from "../../../platform/cache/cache.ts";
import type { Config } from "../../../platform/config.ts";
import type { Logger } from "../../../platform/logger.ts";
import { createUpstream, type Upstream } from "../../../platform/resilience/upstream.ts";
import type { AccountDirectory, Profile } from "../ports/accountDirectory.ts";

const PROFILE_FRESH_SECONDS = 300;
const PROFILE_STALE_SECONDS = 24 * 3600;
const SYNC_BATCH = 500;

const UserDocument = z.object({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email: z.string().nullish(),
});

const SyncAnswer = z.object({ unknown_uuids: z.array(z.string()) });

const ProfileOrNull = z
  .object({
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    email: z.string().nullable(),
  })
  .nullable();

class UnexpectedAnswer extends Error {}

export function monStrasbourgDirectory(deps: {
  config: Config;
  cache: Cache;
  log: Logger;
}): AccountDirectory {
  const base = deps.config.MONSTRASBOURG_URL.replace(/\/+$/, "");
  const authorization = `Basic ${Buffer.from(
    `${deps.config.MONSTRASBOURG_API_USERNAME}:${deps.config.MONSTRASBOURG_API_PASSWORD}`,
  ).toString("base64")}`;
  const upstream: Upstream = createUpstream({
    name: "monstrasbourg",
    timeoutMs: deps.config.MONSTRASBOURG_TIMEOUT_MS,
    retries: 2,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
    cache: deps.cache,
    log: deps.log,
  });

  return {
    profile(subject, accountId) {
      return upstream.call<Profile | null>(
        "users.get",
        async (signal) => {
          const response = await fetch(`${base}/api/users/${encodeURIComponent(subject)}/`, {
            headers: { authorization, accept: "application/json" },
            signal,
          });
          // A deleted account is an answer, not a failure: it must not open the circuit breaker.
          if (response.status === 404) return null;
          if (!response.ok) throw new UnexpectedAnswer(`users.get answered ${response.status}`);
          const user = UserDocument.parse(await response.json());
          return {
            givenName: user.first_name || null,
            familyName: user.last_name || null,
            email: user.email || null,
          };
        },
        {
          idempotent: true,
          cacheKey: `profile:${accountId}`,
          freshSeconds: PROFILE_FRESH_SECONDS,
          staleSeconds: PROFILE_STALE_SECONDS,
          parse: (raw) => ProfileOrNull.parse(JSON.parse(raw)),
        },
      );
    },
    forgetProfile: (accountId) => upstream.forget(`profile:${accountId}`),
    async deletedAmong(subjects) {
      const deleted: string[] = [];
      for (let start = 0; start < subjects.length; start += SYNC_BATCH) {
        const batch = subjects.slice(start, start + SYNC_BATCH);
        const answer = await upstream.call(
          "users.synchronization",
          async (signal) => {
            const response = await fetch(`${base}/api/users/synchronization/`, {
              method: "POST",
              headers: { authorization, "content-type": "application/json", accept: "application/json" },
              body: JSON.stringify({ known_uuids: batch }),
              signal,
            });
            if (!response.ok) throw new UnexpectedAnswer(`users.synchronization answered ${response.status}`);
            return SyncAnswer.parse(await response.json());
          },
          // Asking is idempotent: it changes nothing upstream.
          { idempotent: true },
        );
        deleted.push(...answer.unknown_uuids);
      }
      return deleted;
    },
  };
}
