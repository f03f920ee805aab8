// The @cacheControl hints of every subgraph of Parvis, read from their SDL by `npm run compose` into
// schema/capabilities.json (policy.ts says why not from the supergraph). Read once per process.
import { loadCapabilities } from "../../platform/capabilities.ts";
import type { CacheHints } from "./policy.ts";

let hints: CacheHints | undefined;

export function publicCacheHints(): CacheHints {
  if (!hints) {
    const { cacheHints } = loadCapabilities();
    hints = {
      types: new Map(Object.entries(cacheHints.types)),
      fields: new Map(Object.entries(cacheHints.fields)),
    };
  }
  return hints;
}
