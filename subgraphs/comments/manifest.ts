// The comments subgraph as the composition root sees it (platform/manifest.ts).
import { defineSubgraph } from "../../platform/manifest.ts";
import { seedComments } from "./seed.ts";
import { comments } from "./server.ts";

export const manifest = defineSubgraph({
  module: comments,
  seed: { demo: ({ db, log }) => seedComments(db, log) },
});
