// What the reports subgraph needs from storage. Implemented on Prisma in adapters/prismaReportStore.ts.
// Every write method is one transaction, events included: a report is never stored half-way.
import type { Box } from "../domain/geo.ts";
import type { ReportStatus } from "../domain/lifecycle.ts";
import type {
  AttributeDefinition,
  CategoryRecord,
  ContactRecord,
  HistoryEntryRecord,
  PhotoRecord,
  PublicUpdateRecord,
  ReportEvent,
  ReportRecord,
  ServiceRecord,
} from "../domain/model.ts";

export interface ReportListFilter {
  bbox?: Box;
  near?: { lat: number; lon: number; radiusMeters: number };
  statuses?: readonly ReportStatus[];
  categoryCodes?: readonly string[];
  quartierId?: string;
  since?: Date;
  until?: Date;
  ids?: readonly string[];
  reporterAccountId?: string;
  serviceCode?: string;
  /** Staff queues: reports of one assignee, or none. */
  assignee?: { accountId: string } | "unassigned";
  needsRouting?: boolean;
}

/** Keyset of report lists: ids are UUIDv7, so their order is the order of creation. */
export interface ReportPage {
  first: number;
  after: { id: string } | undefined;
  order: "newest" | "oldest";
}

export interface NewReport {
  report: ReportRecord;
  contact: ContactRecord | null;
  /** Uploads to attach, in display order; each must still be unattached and unexpired at commit. */
  photoIds: readonly string[];
  history: readonly HistoryEntryRecord[];
  events: readonly ReportEvent[];
}

export type ReportPatch = Partial<
  Pick<
    ReportRecord,
    | "status"
    | "statusReason"
    | "duplicateOfId"
    | "serviceCode"
    | "needsRouting"
    | "assigneeAccountId"
    | "expectedResolutionAt"
    | "closedAt"
    | "communeId"
    | "communeInseeCode"
    | "quartierId"
  >
>;

/** A change applied only if the report is still as the command saw it (optimistic concurrency). */
export interface ReportUpdate {
  id: string;
  expected: { status: ReportStatus; serviceCode: string };
  patch: ReportPatch;
  history: readonly HistoryEntryRecord[];
  events: readonly ReportEvent[];
}

export interface ReportMerge {
  duplicate: ReportUpdate;
  intoId: string;
  /** Supports to add to the kept report: the duplicate's reporter and supporters (null = no account). */
  supporters: readonly (string | null)[];
  intoHistory: readonly HistoryEntryRecord[];
}

export interface ReportStore {
  listCategories(includeInactive: boolean): Promise<CategoryRecord[]>;
  categoriesByIds(ids: readonly string[]): Promise<CategoryRecord[]>;
  categoryByCode(code: string): Promise<CategoryRecord | null>;
  attributesOfCategories(categoryIds: readonly string[]): Promise<AttributeDefinition[]>;
  /** Commune INSEE code → service code, for one category. */
  routingRules(categoryId: string): Promise<Map<string, string>>;
  listServices(): Promise<ServiceRecord[]>;
  servicesByCodes(codes: readonly string[]): Promise<ServiceRecord[]>;

  reportsByIds(ids: readonly string[]): Promise<ReportRecord[]>;
  reportByTrackingToken(token: string): Promise<ReportRecord | null>;
  listReports(filter: ReportListFilter, page: ReportPage): Promise<{ rows: ReportRecord[]; total: number }>;
  /** Newest first, at most `limit`. */
  reportsForMap(filter: ReportListFilter, limit: number): Promise<ReportRecord[]>;
  /** Open reports of a category within a distance and age, nearest first. */
  findSimilar(query: {
    categoryId: string;
    lat: number;
    lon: number;
    radiusMeters: number;
    since: Date;
    limit: number;
    excludeId?: string;
  }): Promise<ReportRecord[]>;
  historyOfReports(reportIds: readonly string[]): Promise<HistoryEntryRecord[]>;
  /** Public lines written by staff in [since, until], oldest first, with the report's status after each. */
  publicStaffUpdates(since: Date, until: Date, limit: number): Promise<PublicUpdateRecord[]>;
  /**
   * Adds a partner's update (a history line) and touches the report's updated_at, in one transaction; when the
   * partner already sent an update with this id, nothing is stored and the existing line's id is returned. Photos
   * (unattached uploads) are attached to the report after its own, in the same transaction; "photos_taken" when
   * one was attached or expired meanwhile (nothing stored).
   */
  addPartnerUpdate(
    entry: HistoryEntryRecord,
    photoIds: readonly string[],
  ): Promise<{ id: string; duplicate: boolean } | "photos_taken">;
  photosOfReports(reportIds: readonly string[]): Promise<PhotoRecord[]>;
  contactsOfReports(reportIds: readonly string[]): Promise<ContactRecord[]>;
  /** Of these reports, those the account supports. */
  supportedAmong(accountId: string, reportIds: readonly string[]): Promise<Set<string>>;
  /** Account ids supporting a report (null for erased or anonymous supports). */
  supportersOf(reportId: string): Promise<(string | null)[]>;

  photosByIds(ids: readonly string[]): Promise<PhotoRecord[]>;
  registerPhoto(photo: PhotoRecord): Promise<void>;
  /** Deletes unattached uploads past their expiry; returns their ids (their files are deleted by the caller). */
  purgeExpiredPhotos(now: Date): Promise<string[]>;
  /** Deletes these uploads if still unattached (the request that sent them was refused); returns those deleted. */
  discardUnattachedPhotos(ids: readonly string[]): Promise<string[]>;

  /** "created", or "photos_taken" when a photo was attached or expired meanwhile (nothing stored). */
  createReport(write: NewReport): Promise<"created" | "photos_taken">;
  /** The updated report, or null when it changed meanwhile (nothing stored). */
  updateReport(update: ReportUpdate): Promise<ReportRecord | null>;
  /** True when added; false when the account already supports it. Counter updated in the same transaction. */
  addSupport(
    reportId: string,
    supportId: string,
    accountId: string,
    events: readonly ReportEvent[],
  ): Promise<boolean>;
  /** False when the duplicate changed meanwhile (nothing stored). */
  merge(merge: ReportMerge): Promise<boolean>;
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

/** A person's reports data (see ReportStore.exportAccount); dates as ISO text. */
export interface AccountExport {
  reports: Record<string, unknown>[];
  supports: { reportId: string; supportedAt: string }[];
  photos: (Omit<PhotoRecord, "uploaderAccountId" | "uploaderClientId" | "expiresAt" | "createdAt"> & {
    uploadedAt: string;
    expiresAt: string | null;
  })[];
  asStaff: { assignedReports: Record<string, unknown>[]; historyEntries: Record<string, unknown>[] };
}
