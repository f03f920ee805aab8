// ReportStore on Prisma, composed of one store per aggregate: the catalogue, reports (with their history, supports
// and contacts), photos, and a person's data across them.
import type { Database } from "../../../platform/db/database.ts";
import type { ReportStore } from "../ports/reportStore.ts";
import { prismaAccountData } from "./prismaAccountData.ts";
import { prismaCatalogueStore } from "./prismaCatalogueStore.ts";
import { prismaPhotoStore } from "./prismaPhotoStore.ts";
import { prismaReportRecords } from "./prismaReportRecords.ts";

export function prismaReportStore(db: Database): ReportStore {
  return {
    ...prismaCatalogueStore(db.prisma),
    ...prismaReportRecords(db),
    ...prismaPhotoStore(db.prisma),
    ...prismaAccountData(db.prisma),
  };
}
