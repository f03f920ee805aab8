// The staff subgraph as the composition root sees it (platform/manifest.ts): saved investigations.
import { defineSubgraph } from "../../platform/manifest.ts";

export const manifest = defineSubgraph({
  name: "staff",
  load: async () => (await import("./server.ts")).staff,
  seed: { demo: async ({ db, log }) => (await import("./seed.ts")).seedStaff(db, log) },
});
