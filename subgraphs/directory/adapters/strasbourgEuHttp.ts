// StrasbourgEuApi over HTTP, through the resilience wrapper (timeout, retries — every call here is a GET, so
// idempotent —, circuit breaker). The agenda endpoints are documented with HTTP Basic, the place endpoints as public:
// credentials are sent only where the documentation asks for them. Nothing is cached here: the directory's own
// tables are the last good copy, served when Strasbourg.eu is down.
import type { Config } from "../../../platform/config.ts";
import type { Logger } from "../../../platform/logger.ts";
import { createUpstream, type Upstream } from "../../../platform/resilience/upstream.ts";
import type { StrasbourgEuApi } from "../ports/upstreams.ts";

export class UnexpectedAnswer extends Error {
  override name = "UnexpectedAnswer";
}

const CATEGORY_PATHS = {
  types: "agenda.event/get-types",
  themes: "agenda.event/get-themes",
  publics: "agenda.event/get-publics",
  territories: "agenda.event/get-territories",
} as const;

export function strasbourgEuHttp(deps: { config: Config; log: Logger }): StrasbourgEuApi {
  const base = `${deps.config.STRASBOURG_EU_URL.replace(/\/+$/, "")}/api/jsonws`;
  const authorization = `Basic ${Buffer.from(
    `${deps.config.STRASBOURG_EU_API_USERNAME}:${deps.config.STRASBOURG_EU_API_PASSWORD}`,
  ).toString("base64")}`;
  const upstream: Upstream = createUpstream({
    name: "strasbourg-eu",
    timeoutMs: deps.config.STRASBOURG_EU_TIMEOUT_MS,
    retries: 2,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
    log: deps.log,
  });

  const get = (operation: string, path: string, authenticated: boolean) =>
    upstream.call<unknown>(
      operation,
      async (signal) => {
        const response = await fetch(`${base}/${path}`, {
          headers: { accept: "application/json", ...(authenticated ? { authorization } : {}) },
          signal,
        });
        if (!response.ok) throw new UnexpectedAnswer(`${operation} answered ${response.status}`);
        return response.json();
      },
      { idempotent: true },
    );

  return {
    places: () => get("places.all", "place.place/get-places", false),
    events: () => get("events.all", "agenda.event/get-events", true),
    categories: (kind) => get(`categories.${kind}`, CATEGORY_PATHS[kind], true),
  };
}
