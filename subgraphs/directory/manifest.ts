// The directory as the composition root sees it (platform/manifest.ts): its reference data (communes, quartiers,
// boundaries, organisations) and the synchronisation with Strasbourg.eu and the open-data portal.
import { defineSubgraph } from "../../platform/manifest.ts";
import { directorySyncJob } from "./jobs/schedule.ts";

export const manifest = defineSubgraph({
  name: "directory",
  load: async () => (await import("./server.ts")).directory,
  seed: { reference: async (context) => (await import("./seed.ts")).seedDirectory(context) },
  jobs: [directorySyncJob],
});
