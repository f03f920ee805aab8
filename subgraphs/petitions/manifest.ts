// The petitions subgraph as the composition root sees it (platform/manifest.ts). Its closing of expired
// petitions runs in its own process, with its services (loaders.ts).
import { defineSubgraph } from "../../platform/manifest.ts";
import { PETITION_PARTNER_EVENTS } from "./domain/partnerEvents.ts";
import { seedPetitions } from "./seed.ts";
import { petitions } from "./server.ts";

export const manifest = defineSubgraph({
  module: petitions,
  seed: { demo: ({ db, log }) => seedPetitions(db, log) },
  partnerEvents: PETITION_PARTNER_EVENTS,
});
