// Mapping of raw rows of reports.report (snake_case, from SQL) and of Prisma models to the domain's records.
import type { ReportStatus } from "../domain/lifecycle.ts";
import type {
  ActorKind,
  AttributeDatatype,
  AttributeDefinition,
  AttributeOption,
  AttributeValues,
  CategoryRecord,
  HistoryEntryRecord,
  HistoryKind,
  PhotoRecord,
  ReportRecord,
} from "../domain/model.ts";

export interface ReportRow {
  id: string;
  category_id: string;
  status: string;
  status_reason: string | null;
  duplicate_of_id: string | null;
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  commune_id: string | null;
  commune_insee_code: string | null;
  quartier_id: string | null;
  service_code: string;
  needs_routing: boolean;
  assignee_account_id: string | null;
  expected_resolution_at: Date | string | null;
  attributes: unknown;
  reporter_account_id: string | null;
  partner_client_id: string | null;
  tracking_token: string;
  external_media_urls: string[] | null;
  support_count: number;
  created_at: Date | string;
  updated_at: Date | string;
  closed_at: Date | string | null;
}

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const dateOrNull = (value: Date | string | null) => (value === null ? null : date(value));

/** Attribute values are stored as { code: [values] }; anything else (never written by us) reads as empty. */
export function attributeValues(value: unknown): AttributeValues {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  const values: AttributeValues = {};
  for (const [code, list] of Object.entries(parsed as Record<string, unknown>)) {
    if (Array.isArray(list)) values[code] = list.map(String);
  }
  return values;
}

export function reportFromRow(row: ReportRow): ReportRecord {
  return {
    id: row.id,
    categoryId: row.category_id,
    status: row.status as ReportStatus,
    statusReason: row.status_reason,
    duplicateOfId: row.duplicate_of_id,
    description: row.description,
    address: row.address,
    lat: Number(row.lat),
    lon: Number(row.lon),
    communeId: row.commune_id,
    communeInseeCode: row.commune_insee_code,
    quartierId: row.quartier_id,
    serviceCode: row.service_code,
    needsRouting: row.needs_routing,
    assigneeAccountId: row.assignee_account_id,
    expectedResolutionAt: dateOrNull(row.expected_resolution_at),
    attributes: attributeValues(row.attributes),
    reporterAccountId: row.reporter_account_id,
    partnerClientId: row.partner_client_id,
    trackingToken: row.tracking_token,
    externalMediaUrls: row.external_media_urls ?? [],
    supportCount: Number(row.support_count),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    closedAt: dateOrNull(row.closed_at),
  };
}

export function categoryFromModel(model: CategoryRecord & Record<string, unknown>): CategoryRecord {
  return {
    id: model.id,
    code: model.code,
    name: model.name,
    description: model.description,
    groupName: model.groupName,
    keywords: model.keywords,
    defaultServiceCode: model.defaultServiceCode,
    anonymousAllowed: model.anonymousAllowed,
    expectedResolutionDays: model.expectedResolutionDays,
    serviceNotice: model.serviceNotice,
    active: model.active,
    position: model.position,
  };
}

export function attributeFromModel(model: {
  id: string;
  categoryId: string;
  code: string;
  datatype: string;
  required: boolean;
  variable: boolean;
  description: string;
  datatypeDescription: string | null;
  position: number;
  options: unknown;
}): AttributeDefinition {
  const options = Array.isArray(model.options)
    ? (model.options as unknown[]).flatMap((option): AttributeOption[] => {
        const { key, name } = (option ?? {}) as { key?: unknown; name?: unknown };
        return key === undefined ? [] : [{ key: String(key), name: String(name ?? key) }];
      })
    : [];
  return { ...model, datatype: model.datatype as AttributeDatatype, options };
}

export function historyFromModel(
  model: Omit<HistoryEntryRecord, "kind" | "actorKind" | "fromStatus" | "toStatus"> & {
    kind: string;
    actorKind: string;
    fromStatus: string | null;
    toStatus: string | null;
  },
): HistoryEntryRecord {
  return {
    ...model,
    kind: model.kind as HistoryKind,
    actorKind: model.actorKind as ActorKind,
    fromStatus: model.fromStatus as ReportStatus | null,
    toStatus: model.toStatus as ReportStatus | null,
  };
}

export function photoFromModel(model: PhotoRecord): PhotoRecord {
  return { ...model };
}
