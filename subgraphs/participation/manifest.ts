// The participation subgraph as the composition root sees it (platform/manifest.ts): its demo data (the place du
// Marché-Neuf with an open consultation, a cycle-route project, and a consultation whose results are published).
// Its calendar (steps and consultations opening and closing) runs in its own process, with its services
// (loaders.ts).
import { defineSubgraph } from "../../platform/manifest.ts";

export const manifest = defineSubgraph({
  name: "participation",
  load: async () => (await import("./server.ts")).participation,
  seed: {
    demo: async ({ db, log }) => {
      await (await import("./seed.ts")).seedParticipation(db, log);
      await (await import("./seedResults.ts")).seedPublishedConsultation(db, log);
    },
  },
});
