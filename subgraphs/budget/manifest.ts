// The participatory budget as the composition root sees it (platform/manifest.ts).
import { defineSubgraph } from "../../platform/manifest.ts";

export const manifest = defineSubgraph({
  name: "budget",
  load: async () => (await import("./server.ts")).budget,
  seed: { demo: async ({ db, log }) => (await import("./seed.ts")).seedBudget(db, log) },
});
