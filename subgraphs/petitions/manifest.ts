// The petitions subgraph as the composition root sees it (platform/manifest.ts). Its closing of expired
// petitions runs in its own process, with its services (loaders.ts).
import { defineSubgraph } from "../../platform/manifest.ts";
import { PETITION_PARTNER_EVENTS } from "./domain/partnerEvents.ts";

export const manifest = defineSubgraph({
  name: "petitions",
  load: async () => (await import("./server.ts")).petitions,
  seed: { demo: async ({ db, log }) => (await import("./seed.ts")).seedPetitions(db, log) },
  partnerEvents: PETITION_PARTNER_EVENTS,
});
