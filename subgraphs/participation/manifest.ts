// The participation subgraph as the composition root sees it (platform/manifest.ts): its demo data (the place du
// Marché-Neuf with an open consultation, a cycle-route project, and a consultation whose results are published).
// Its calendar (steps and consultations opening and closing) runs in its own process, with its services
// (loaders.ts).
import { defineSubgraph } from "../../platform/manifest.ts";
import { seedParticipation } from "./seed.ts";
import { seedPublishedConsultation } from "./seedResults.ts";
import { participation } from "./server.ts";

export const manifest = defineSubgraph({
  module: participation,
  seed: {
    demo: async ({ db, log }) => {
      await seedParticipation(db, log);
      await seedPublishedConsultation(db, log);
    },
  },
});
