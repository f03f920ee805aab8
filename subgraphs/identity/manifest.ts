// The identity subgraph as the composition root sees it (platform/manifest.ts): accounts, profiles, erasure.
import { defineSubgraph } from "../../platform/manifest.ts";
import { identity } from "./server.ts";

export const manifest = defineSubgraph({ module: identity });
