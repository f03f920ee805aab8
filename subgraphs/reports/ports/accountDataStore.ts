// What the reports subgraph needs from storage for a person's data across reports, supports, contacts and photos:
// the right of access, erasure and the retention of contact details.
import type { PhotoRecord } from "../domain/model.ts";

export interface AccountDataStore {
  /** Deletes the contact details of reports closed before this date; returns how many. */
  deleteContactsClosedBefore(date: Date): Promise<number>;
  /** Makes an account's reports and supports unlinkable, erases the contacts it left. */
  eraseAccount(accountId: string): Promise<{ erased: number; pseudonymised: number }>;
  /**
   * The right of access: everything stored about the account — its reports (with the contact details still held and
   * their public history), its supports, the photos it uploaded (metadata, not bytes), and as staff the reports
   * assigned to it and the history entries it wrote. Nothing about anyone else (no other supporters, no other actor).
   */
  exportAccount(accountId: string): Promise<AccountExport>;
}

/** A person's reports data (see AccountDataStore.exportAccount); dates as ISO text. */
export interface AccountExport {
  reports: Record<string, unknown>[];
  supports: { reportId: string; supportedAt: string }[];
  photos: (Omit<PhotoRecord, "uploaderAccountId" | "uploaderClientId" | "expiresAt" | "createdAt"> & {
    uploadedAt: string;
    expiresAt: string | null;
  })[];
  asStaff: { assignedReports: Record<string, unknown>[]; historyEntries: Record<string, unknown>[] };
}
