// What the reports subgraph needs from storage, one port per aggregate (this file: reports with their history,
// supports and contacts; catalogueStore, photoStore, accountDataStore), implemented on Prisma in adapters/. Every
// write method is one transaction, events included: a report is never stored half-way.
import type { Box } from "../domain/geo.ts";
import type { ReportStatus } from "../domain/lifecycle.ts";
import type {
  ContactRecord,
  HistoryEntryRecord,
  PublicUpdateRecord,
  ReportEvent,
  ReportRecord,
} from "../domain/model.ts";
import type { AccountDataStore } from "./accountDataStore.ts";
import type { CatalogueStore } from "./catalogueStore.ts";
import type { PhotoStore } from "./photoStore.ts";

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

/** Reports, their history, supports and contacts. */
export interface ReportRecords {
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
  contactsOfReports(reportIds: readonly string[]): Promise<ContactRecord[]>;
  /** Of these reports, those the account supports. */
  supportedAmong(accountId: string, reportIds: readonly string[]): Promise<Set<string>>;
  /** Account ids supporting a report (null for erased or anonymous supports). */
  supportersOf(reportId: string): Promise<(string | null)[]>;
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
}

export type ReportStore = CatalogueStore & ReportRecords & PhotoStore & AccountDataStore;
