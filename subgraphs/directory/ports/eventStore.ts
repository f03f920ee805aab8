// What the directory needs from storage for the agenda (events, their categories, their links to organisations).
import type { Page } from "../../../platform/pagination.ts";
import type { SourceEntry } from "./placeStore.ts";

export interface EventPeriod {
  startDate: string;
  endDate: string;
  timeDetail: string | null;
}

export interface EventRecord {
  id: string;
  source: string;
  sourceId: string;
  title: string;
  subtitle: string | null;
  description: string | null;
  imageUrl: string | null;
  placeId: string | null;
  placeName: string | null;
  address: string | null;
  city: string | null;
  periods: EventPeriod[];
  /** yyyy-mm-dd */
  startDate: string;
  endDate: string;
  freeEntry: number | null;
  price: string | null;
  url: string | null;
  categoryIds: string[];
  fetchedAt: Date;
  deletedAt: Date | null;
}

export type EventContent = Omit<EventRecord, "id" | "source" | "sourceId" | "fetchedAt" | "deletedAt">;

export interface EventFilter {
  /** yyyy-mm-dd: events that end on or after this day. */
  from: string;
  to?: string;
  placeId?: string;
  organizationId?: string;
  categorySourceId?: string;
  search?: string;
}

/** Keyset of the agenda: start day and id. */
export interface DayKey {
  d: string;
  id: string;
}

export interface EventLinkRecord {
  eventId: string;
  organizationId: string;
  role: "organizer" | "partner";
}

export interface CategoryRecord {
  sourceId: string;
  kind: string;
  name: string;
  parentSourceId: string | null;
  level: number | null;
}

export interface EventStore {
  byIds(ids: readonly string[]): Promise<EventRecord[]>;
  list(filter: EventFilter, page: Page<DayKey>): Promise<{ rows: EventRecord[]; total: number }>;
  /** Upcoming events of each place (ending on or after `fromDay`), at most `limit` per place. */
  upcomingAtPlaces(placeIds: readonly string[], fromDay: string, limit: number): Promise<EventRecord[]>;
  linksOfEvents(eventIds: readonly string[]): Promise<EventLinkRecord[]>;
  linksOfOrganizations(organizationIds: readonly string[]): Promise<EventLinkRecord[]>;
  link(link: EventLinkRecord): Promise<EventLinkRecord>;
  sourceIndex(source: string): Promise<SourceEntry[]>;
  upsertFromSource(
    source: string,
    sourceId: string,
    content: EventContent,
    contentHash: string,
    fetchedAt: Date,
  ): Promise<"created" | "updated">;
  touch(source: string, sourceIds: readonly string[], fetchedAt: Date): Promise<void>;
  markDeleted(source: string, sourceIds: readonly string[], at: Date): Promise<number>;
  categoriesBySourceIds(source: string, sourceIds: readonly string[]): Promise<CategoryRecord[]>;
  /** Replaces the categories of one kind: upserts the given ones, marks the others deleted. */
  replaceCategories(
    source: string,
    kind: string,
    categories: CategoryRecord[],
    fetchedAt: Date,
  ): Promise<{ created: number; updated: number; unchanged: number; deleted: number }>;
}
