// The reports subgraph as the composition root sees it (platform/manifest.ts): its HTTP routes (photo uploads,
// photo files, Open311 GeoReport v2), the sweep of uploads never attached, its demo data and the events partners
// may subscribe to.
import { defineSubgraph } from "../../platform/manifest.ts";
import { REPORT_PARTNER_EVENTS } from "./domain/partnerEvents.ts";
import { registerReportRoutes } from "./http/registerReportRoutes.ts";
import { uploadSweepJob } from "./jobs/sweepUploads.ts";

export const manifest = defineSubgraph({
  name: "reports",
  load: async () => (await import("./server.ts")).reports,
  seed: {
    demo: async ({ db, log, internal }) => (await import("./seed.ts")).seedReports(db, log, internal),
  },
  jobs: [uploadSweepJob],
  routes: registerReportRoutes,
  partnerEvents: REPORT_PARTNER_EVENTS,
});
