// The notifications subgraph as the composition root sees it (platform/manifest.ts). Its delivery worker runs
// with its services (server.ts), or alone (`npm run start:worker`, app/worker.ts).
import { defineSubgraph } from "../../platform/manifest.ts";

export const manifest = defineSubgraph({
  name: "notifications",
  load: async () => (await import("./server.ts")).notifications,
});
