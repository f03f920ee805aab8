// The open-data subgraph as the composition root sees it (platform/manifest.ts): the /open-data routes. Its
// publication to the city's portal runs in its own process, with its services (services.ts).
import { defineSubgraph } from "../../platform/manifest.ts";
import { registerOpenDataRoutes } from "./http/registerOpenDataRoutes.ts";

export const manifest = defineSubgraph({
  name: "opendata",
  load: async () => (await import("./server.ts")).opendata,
  routes: registerOpenDataRoutes,
});
