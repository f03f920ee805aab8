// The records the reports domain works with, whatever stores them.
import type { ReportStatus } from "./lifecycle.ts";

export const ATTRIBUTE_DATATYPES = [
  "string",
  "number",
  "datetime",
  "text",
  "singlevaluelist",
  "multivaluelist",
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export interface ServiceRecord {
  code: string;
  name: string;
}

export interface CategoryRecord {
  id: string;
  code: string;
  name: string;
  description: string;
  groupName: string;
  keywords: string[];
  defaultServiceCode: string;
  anonymousAllowed: boolean;
  expectedResolutionDays: number | null;
  serviceNotice: string | null;
  active: boolean;
  position: number;
}

export interface AttributeOption {
  key: string;
  name: string;
}

export interface AttributeDefinition {
  id: string;
  categoryId: string;
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  variable: boolean;
  description: string;
  datatypeDescription: string | null;
  position: number;
  options: AttributeOption[];
}

/** Attribute values by attribute code; every value is a string (list keys, numbers and dates as sent). */
export type AttributeValues = Record<string, string[]>;

export interface ReportRecord {
  id: string;
  categoryId: string;
  status: ReportStatus;
  statusReason: string | null;
  duplicateOfId: string | null;
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  communeId: string | null;
  communeInseeCode: string | null;
  quartierId: string | null;
  serviceCode: string;
  needsRouting: boolean;
  assigneeAccountId: string | null;
  expectedResolutionAt: Date | null;
  attributes: AttributeValues;
  reporterAccountId: string | null;
  partnerClientId: string | null;
  trackingToken: string;
  /** Open311 media_url given by a partner, in the order sent. */
  externalMediaUrls: readonly string[];
  supportCount: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export const HISTORY_KINDS = [
  "submitted",
  "status_changed",
  "rerouted",
  "merged",
  "assigned",
  "located",
  "commented",
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const ACTOR_KINDS = ["anonymous", "citizen", "staff", "partner", "system"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface HistoryEntryRecord {
  id: string;
  reportId: string;
  kind: HistoryKind;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  fromServiceCode: string | null;
  toServiceCode: string | null;
  publicNote: string | null;
  internalNote: string | null;
  public: boolean;
  actorKind: ActorKind;
  actorAccountId: string | null;
  createdAt: Date;
  /** A partner's update (Open311 servicerequestupdates): the partner, and its own id of the update. */
  partnerClientId?: string | null;
  partnerUpdateId?: string | null;
}

/** A public staff line of a report's history with the report's status after it (Open311 updates). */
export interface PublicUpdateRecord {
  id: string;
  reportId: string;
  kind: HistoryKind;
  status: ReportStatus;
  note: string | null;
  at: Date;
}

export interface ContactRecord {
  reportId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

export interface PhotoRecord {
  id: string;
  reportId: string | null;
  mediaType: string;
  byteSize: number;
  width: number;
  height: number;
  sha256: string;
  uploaderAccountId: string | null;
  uploaderClientId: string | null;
  position: number;
  expiresAt: Date | null;
  createdAt: Date;
}

/** Who acts, as the domain needs to know it (derived from the verified Caller). */
export interface Actor {
  kind: ActorKind;
  accountId: string | null;
  partnerClientId: string | null;
  staffService: string | null;
  isAdmin: boolean;
}

/** A domain event for the outbox (platform/outbox.ts): pseudonymous ids only. */
export interface ReportEvent {
  type: string;
  subject: string;
  payload: Record<string, unknown>;
}
