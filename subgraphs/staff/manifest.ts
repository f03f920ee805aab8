// The staff subgraph as the composition root sees it (platform/manifest.ts): saved investigations.
import { defineSubgraph } from "../../platform/manifest.ts";
import { seedStaff } from "./seed.ts";
import { staff } from "./server.ts";

export const manifest = defineSubgraph({
  module: staff,
  seed: { demo: ({ db, log }) => seedStaff(db, log) },
});
