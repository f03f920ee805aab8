// The directory as the composition root sees it (platform/manifest.ts): its reference data (communes, quartiers,
// boundaries, organisations) and the synchronisation with Strasbourg.eu and the open-data portal.
import { defineSubgraph } from "../../platform/manifest.ts";
import { directorySyncJob } from "./jobs/schedule.ts";
import { seedDirectory } from "./seed.ts";
import { directory } from "./server.ts";

export const manifest = defineSubgraph({
  module: directory,
  seed: { reference: seedDirectory },
  jobs: [directorySyncJob],
});
