// A person's data across the reports' tables on Prisma: access (export), erasure and the retention of contacts.
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import type { AccountDataStore } from "../ports/accountDataStore.ts";

export function prismaAccountData(prisma: PrismaClient): AccountDataStore {
  return {
    async deleteContactsClosedBefore(date) {
      const { count } = await prisma.reportContact.deleteMany({
        where: { report: { closedAt: { lt: date } } },
      });
      return count;
    },
    async exportAccount(accountId) {
      const reports = await prisma.report.findMany({
        where: { reporterAccountId: accountId },
        include: {
          category: { select: { code: true, name: true } },
          contact: true,
          // The public history only: who acted is never shown, and internal notes are the staff's.
          history: { where: { public: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
          photos: { select: { id: true }, orderBy: [{ position: "asc" }, { id: "asc" }] },
        },
        orderBy: { id: "asc" },
      });
      const supports = await prisma.reportSupport.findMany({
        where: { accountId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      const photos = await prisma.reportPhoto.findMany({
        where: { uploaderAccountId: accountId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      const assigned = await prisma.report.findMany({
        where: { assigneeAccountId: accountId },
        select: { id: true, status: true, serviceCode: true, createdAt: true },
        orderBy: { id: "asc" },
      });
      const written = await prisma.reportHistoryEntry.findMany({
        where: { actorAccountId: accountId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return {
        reports: reports.map((report) => ({
          id: report.id,
          category: report.category,
          status: report.status,
          statusReason: report.statusReason,
          duplicateOfId: report.duplicateOfId,
          description: report.description,
          address: report.address,
          lat: report.lat,
          lon: report.lon,
          communeId: report.communeId,
          quartierId: report.quartierId,
          serviceCode: report.serviceCode,
          attributes: report.attributes,
          trackingToken: report.trackingToken,
          externalMediaUrls: report.externalMediaUrls,
          supportCount: report.supportCount,
          submittedAt: report.createdAt.toISOString(),
          updatedAt: report.updatedAt.toISOString(),
          closedAt: report.closedAt?.toISOString() ?? null,
          // Null once deleted by the retention rule (some time after the report was closed) or never given.
          contact: report.contact && {
            firstName: report.contact.firstName,
            lastName: report.contact.lastName,
            email: report.contact.email,
            phone: report.contact.phone,
            givenAt: report.contact.createdAt.toISOString(),
          },
          photoIds: report.photos.map((photo) => photo.id),
          history: report.history.map((entry) => ({
            kind: entry.kind,
            fromStatus: entry.fromStatus,
            toStatus: entry.toStatus,
            publicNote: entry.publicNote,
            actorKind: entry.actorKind,
            at: entry.createdAt.toISOString(),
          })),
        })),
        supports: supports.map((support) => ({
          reportId: support.reportId,
          supportedAt: support.createdAt.toISOString(),
        })),
        photos: photos.map((photo) => ({
          id: photo.id,
          reportId: photo.reportId,
          mediaType: photo.mediaType,
          byteSize: photo.byteSize,
          width: photo.width,
          height: photo.height,
          sha256: photo.sha256,
          position: photo.position,
          uploadedAt: photo.createdAt.toISOString(),
          expiresAt: photo.expiresAt?.toISOString() ?? null,
        })),
        asStaff: {
          assignedReports: assigned.map((report) => ({
            reportId: report.id,
            status: report.status,
            serviceCode: report.serviceCode,
            submittedAt: report.createdAt.toISOString(),
          })),
          historyEntries: written.map((entry) => ({
            reportId: entry.reportId,
            kind: entry.kind,
            fromStatus: entry.fromStatus,
            toStatus: entry.toStatus,
            fromServiceCode: entry.fromServiceCode,
            toServiceCode: entry.toServiceCode,
            publicNote: entry.publicNote,
            internalNote: entry.internalNote,
            public: entry.public,
            at: entry.createdAt.toISOString(),
          })),
        },
      };
    },
    async eraseAccount(accountId) {
      return prisma.$transaction(async (tx) => {
        const contacts = await tx.reportContact.deleteMany({
          where: { report: { reporterAccountId: accountId } },
        });
        const reports = await tx.report.updateMany({
          where: { reporterAccountId: accountId },
          data: { reporterAccountId: null },
        });
        const assigned = await tx.report.updateMany({
          where: { assigneeAccountId: accountId },
          data: { assigneeAccountId: null },
        });
        const supports = await tx.reportSupport.updateMany({
          where: { accountId },
          data: { accountId: null },
        });
        // Uploads never attached are expired now, so the next purge deletes their files too.
        const pending = await tx.reportPhoto.updateMany({
          where: { uploaderAccountId: accountId, reportId: null },
          data: { uploaderAccountId: null, expiresAt: new Date() },
        });
        const photos = await tx.reportPhoto.updateMany({
          where: { uploaderAccountId: accountId },
          data: { uploaderAccountId: null },
        });
        const history = await tx.reportHistoryEntry.updateMany({
          where: { actorAccountId: accountId },
          data: { actorAccountId: null },
        });
        // Events not yet delivered (or kept after delivery) must not link the person to their reports either.
        const events = await tx.$executeRawUnsafe(
          `UPDATE reports.outbox_event SET payload = payload - 'reporterAccountId' WHERE payload->>'reporterAccountId' = $1`,
          accountId,
        );
        return {
          erased: contacts.count,
          pseudonymised:
            reports.count +
            assigned.count +
            supports.count +
            pending.count +
            photos.count +
            history.count +
            events,
        };
      });
    },
  };
}
