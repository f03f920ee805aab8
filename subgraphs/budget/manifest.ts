// The participatory budget as the composition root sees it (platform/manifest.ts).
import { defineSubgraph } from "../../platform/manifest.ts";
import { seedBudget } from "./seed.ts";
import { budget } from "./server.ts";

export const manifest = defineSubgraph({
  module: budget,
  seed: { demo: ({ db, log }) => seedBudget(db, log) },
});
