// Locator on the directory subgraph: `communeAt` and `quartierAt` (point in polygon over the directory's
// boundaries), asked through the internal client as the system caller, behind the resilience wrapper. When the
// directory cannot answer, submitReport still accepts the report, routed by category and flagged for staff.
import { z } from "zod";
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { Logger } from "../../../platform/logger.ts";
import { createUpstream, type Upstream } from "../../../platform/resilience/upstream.ts";
import type { LocatedPlace, Locator } from "../ports/locator.ts";

const LOCATE = /* GraphQL */ `
  query Locate($lat: Float!, $lon: Float!) {
    communeAt(lat: $lat, lon: $lon) { id inseeCode name }
    quartierAt(lat: $lat, lon: $lon) { id name }
  }
`;

const AnswerSchema = z.object({
  communeAt: z.object({ id: z.string(), inseeCode: z.string(), name: z.string() }).nullable(),
  quartierAt: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export interface DirectoryLocatorOptions {
  internal: InternalClient;
  log: Logger;
  timeoutMs: number;
  /** Injected by tests; by default one upstream named "directory-locator". */
  upstream?: Upstream;
}

export function directoryLocator(options: DirectoryLocatorOptions): Locator {
  const upstream =
    options.upstream ??
    createUpstream({
      name: "directory-locator",
      timeoutMs: options.timeoutMs,
      retries: 1,
      breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
      log: options.log,
    });
  return {
    async locate(lat, lon): Promise<LocatedPlace> {
      // Reading a boundary changes nothing: the call is idempotent and may be retried. No cache: a cached answer
      // would be keyed by the location of a report, which is enough to find a person's home.
      const answer = await upstream.call(
        "locate",
        async () => AnswerSchema.parse(await options.internal.request("directory", LOCATE, { lat, lon })),
        { idempotent: true },
      );
      return { commune: answer.communeAt, quartier: answer.quartierAt };
    },
  };
}
