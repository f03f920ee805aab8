// The identity subgraph as the composition root sees it (platform/manifest.ts): accounts, profiles, erasure.
import { defineSubgraph } from "../../platform/manifest.ts";

export const manifest = defineSubgraph({
  name: "identity",
  load: async () => (await import("./server.ts")).identity,
});
