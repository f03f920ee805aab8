// Geocoder on the Base Adresse Nationale's search API (GET <base>/search/?q=…&limit=…, GeoJSON answers with a score
// per feature), behind the resilience wrapper: timeout, one retry (a search is idempotent), circuit breaker. No
// cache: an address typed in a report is often someone's home, and a cache keyed by it would keep a list of them.
import { z } from "zod";
import type { Logger } from "../../../platform/logger.ts";
import { createUpstream, type Upstream } from "../../../platform/resilience/upstream.ts";
import type { AddressCandidate, Geocoder } from "../ports/geocoder.ts";

const AnswerSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      geometry: z.object({ type: z.literal("Point"), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        label: z.string(),
        score: z.number(),
        citycode: z.string(),
        postcode: z.string().optional(),
      }),
    }),
  ),
});

export interface BanGeocoderOptions {
  /** Base URL, without the trailing /search/. */
  url: string;
  timeoutMs: number;
  log: Logger;
  /** Injected by tests; by default one upstream named "ban-geocoder". */
  upstream?: Upstream;
}

export function banGeocoder(options: BanGeocoderOptions): Geocoder {
  const upstream =
    options.upstream ??
    createUpstream({
      name: "ban-geocoder",
      timeoutMs: options.timeoutMs,
      retries: 1,
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
      log: options.log,
    });
  return {
    async search(address, limit): Promise<AddressCandidate[]> {
      const url = new URL(`${options.url}/search/`);
      url.searchParams.set("q", address);
      url.searchParams.set("limit", String(limit));
      const answer = await upstream.call(
        "search",
        async (signal) => {
          const response = await fetch(url, { signal, headers: { accept: "application/json" } });
          if (!response.ok) throw new Error(`BAN search answered ${response.status}`);
          return AnswerSchema.parse(await response.json());
        },
        { idempotent: true },
      );
      return answer.features.map((feature) => ({
        label: feature.properties.label,
        lon: feature.geometry.coordinates[0],
        lat: feature.geometry.coordinates[1],
        score: feature.properties.score,
        citycode: feature.properties.citycode,
        postcode: feature.properties.postcode ?? null,
      }));
    },
  };
}
