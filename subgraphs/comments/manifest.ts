// The comments subgraph as the composition root sees it (platform/manifest.ts).
import { defineSubgraph } from "../../platform/manifest.ts";

export const manifest = defineSubgraph({
  name: "comments",
  load: async () => (await import("./server.ts")).comments,
  seed: { demo: async ({ db, log }) => (await import("./seed.ts")).seedComments(db, log) },
});
