// The reports subgraph as the composition root sees it (platform/manifest.ts): its HTTP routes (photo uploads,
// photo files, Open311 GeoReport v2), the sweep of uploads never attached, its demo data and the events partners
// may subscribe to.
import { defineSubgraph } from "../../platform/manifest.ts";
import { REPORT_PARTNER_EVENTS } from "./domain/partnerEvents.ts";
import { registerReportRoutes } from "./http/registerReportRoutes.ts";
import { uploadSweepJob } from "./jobs/sweepUploads.ts";
import { seedReports } from "./seed.ts";
import { reports } from "./server.ts";

export const manifest = defineSubgraph({
  module: reports,
  seed: { demo: ({ db, log, internal }) => seedReports(db, log, internal) },
  jobs: [uploadSweepJob],
  routes: registerReportRoutes,
  partnerEvents: REPORT_PARTNER_EVENTS,
});
