// Photos on Prisma: uploads, attached to a report or waiting to be.
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { PhotoStore } from "../ports/photoStore.ts";
import { photoFromModel } from "./reportRows.ts";

export function prismaPhotoStore(prisma: PrismaClient): PhotoStore {
  return {
    async photosOfReports(reportIds) {
      const rows = await prisma.reportPhoto.findMany({
        where: { reportId: { in: [...reportIds] } },
        orderBy: [{ position: "asc" }, { id: "asc" }],
      });
      return rows.map(photoFromModel);
    },
    async photosByIds(ids) {
      const rows = await prisma.reportPhoto.findMany({ where: { id: { in: [...ids] } } });
      return rows.map(photoFromModel);
    },
    async registerPhoto(photo) {
      await prisma.reportPhoto.create({ data: photo });
    },
    async purgeExpiredPhotos(now) {
      const rows = await prisma.reportPhoto.findMany({
        where: { reportId: null, expiresAt: { lte: now } },
        select: { id: true },
        take: 1000,
      });
      const ids = rows.map((row) => row.id);
      // Deleted only if still unattached: an upload attached meanwhile is kept.
      if (ids.length > 0) await prisma.reportPhoto.deleteMany({ where: { id: { in: ids }, reportId: null } });
      return ids;
    },
    async discardUnattachedPhotos(ids) {
      if (ids.length === 0) return [];
      const rows = await prisma.reportPhoto.findMany({
        where: { id: { in: [...ids] }, reportId: null },
        select: { id: true },
      });
      const found = rows.map((row) => row.id);
      if (found.length > 0)
        await prisma.reportPhoto.deleteMany({ where: { id: { in: found }, reportId: null } });
      return found;
    },
  };
}
