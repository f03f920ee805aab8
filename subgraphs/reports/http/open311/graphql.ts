// The GraphQL operations behind the Open311 endpoint (run on the reports subgraph's API), and the mapping of their
// answers to GeoReport v2 objects, fields in the specification's order.
import { type Open311Object, w3cDate } from "./format.ts";

export const SERVICES = /* GraphQL */ `
  query Open311Services {
    reportCategories { code name description group keywords attributes { code } }
  }
`;

export const SERVICE_DEFINITION = /* GraphQL */ `
  query Open311ServiceDefinition($code: String!) {
    reportCategory(code: $code) {
      code
      attributes { variable code datatype required datatypeDescription order description values { key name } }
    }
  }
`;

const REQUEST_FIELDS = /* GraphQL */ `
  fragment Open311Request on Report {
    id
    status
    statusReason
    category { code name serviceNotice }
    description
    responsibleService { name }
    history { kind toStatus note }
    createdAt
    updatedAt
    closedAt
    expectedResolutionAt
    address
    location { lat lon }
    photos { url }
    externalMediaUrl
  }
`;

export const REQUESTS = /* GraphQL */ `
  query Open311Requests($filter: ReportFilter, $first: Int, $after: String) {
    reports(filter: $filter, first: $first, after: $after) {
      edges { node { ...Open311Request } }
      pageInfo { hasNextPage endCursor }
    }
  }
  ${REQUEST_FIELDS}
`;

/** As the platform: an internal query, for id lists of any length in one read (public fields only are asked). */
export const REQUESTS_BY_IDS = /* GraphQL */ `
  query Open311RequestsByIds($ids: [ID!]!) { _reportsByIds(ids: $ids) { ...Open311Request } }
  ${REQUEST_FIELDS}
`;

export const REQUEST = /* GraphQL */ `
  query Open311Request($id: ID!) { report(id: $id) { ...Open311Request } }
  ${REQUEST_FIELDS}
`;

export const TOKEN = /* GraphQL */ `
  query Open311Token($token: String!) { reportByTrackingToken(token: $token) { id } }
`;

export const SUBMIT = /* GraphQL */ `
  mutation Open311Submit($input: SubmitReportInput!) {
    submitReport(input: $input) {
      __typename
      ... on Problem { message }
      ... on ReportSubmitted { report { id category { serviceNotice } } }
      ... on InvalidAttributes { problems { code message } }
      ... on AddressNotLocated { candidates }
      ... on UnknownCategory { code }
    }
  }
`;

export const REGISTER_UPLOAD = /* GraphQL */ `
  mutation Open311Upload($input: ReportPhotoUploadInput!) { _registerReportPhotoUpload(input: $input) }
`;

export const DISCARD_UPLOADS = /* GraphQL */ `
  mutation Open311DiscardUploads($ids: [ID!]!) { _discardReportPhotoUploads(ids: $ids) }
`;

export interface CategoryAnswer {
  code: string;
  name: string;
  description: string;
  group: string;
  keywords: string[];
  attributes: { code: string }[];
}

export function serviceOf(category: CategoryAnswer): Open311Object {
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.description,
    metadata: category.attributes.length > 0,
    type: "realtime",
    keywords: category.keywords.join(", "),
    group: category.group,
  };
}

export interface DefinitionAnswer {
  code: string;
  attributes: {
    variable: boolean;
    code: string;
    datatype: string;
    required: boolean;
    datatypeDescription: string | null;
    order: number;
    description: string;
    values: { key: string; name: string }[];
  }[];
}

export function definitionOf(category: DefinitionAnswer): Open311Object {
  return {
    service_code: category.code,
    attributes: category.attributes.map((attribute) => ({
      variable: attribute.variable,
      code: attribute.code,
      datatype: attribute.datatype.toLowerCase(),
      required: attribute.required,
      datatype_description: attribute.datatypeDescription,
      order: attribute.order,
      description: attribute.description,
      values: attribute.values.map((value) => ({ key: value.key, name: value.name })),
    })),
  };
}

export interface ReportAnswer {
  id: string;
  status: string;
  statusReason: string | null;
  category: { code: string; name: string; serviceNotice: string | null };
  description: string;
  responsibleService: { name: string };
  history: { kind: string; toStatus: string | null; note: string | null }[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  expectedResolutionAt: string | null;
  address: string | null;
  location: { lat: number; lon: number };
  photos: { url: string }[];
  externalMediaUrl: string | null;
}

const OPEN = new Set(["SUBMITTED", "ACKNOWLEDGED", "IN_PROGRESS"]);

/** The latest public note explaining the current status, else the reason of a refusal or redirection. */
function statusNotes(report: ReportAnswer): string | null {
  const notes = report.history.filter((entry) => entry.note && entry.toStatus === report.status);
  return notes.at(-1)?.note ?? report.statusReason ?? null;
}

export function requestOf(report: ReportAnswer): Open311Object {
  return {
    service_request_id: report.id,
    status: OPEN.has(report.status) ? "open" : "closed",
    status_notes: statusNotes(report),
    service_name: report.category.name,
    service_code: report.category.code,
    description: report.description,
    agency_responsible: report.responsibleService.name,
    service_notice: report.category.serviceNotice,
    requested_datetime: w3cDate(report.createdAt),
    // "For requests with status=closed, this will be the date the request was closed."
    updated_datetime: w3cDate(report.closedAt ?? report.updatedAt),
    expected_datetime: w3cDate(report.expectedResolutionAt),
    address: report.address,
    address_id: null,
    zipcode: null,
    lat: report.location.lat,
    long: report.location.lon,
    media_url: report.photos[0]?.url ?? report.externalMediaUrl,
  };
}

export const UPDATES = /* GraphQL */ `
  query Open311Updates($since: DateTime!, $until: DateTime!, $limit: Int!) {
    _reportUpdates(since: $since, until: $until, limit: $limit) { id reportId status note at }
  }
`;

export const COMMENT = /* GraphQL */ `
  mutation Open311Comment($input: CommentReportInput!) {
    commentReport(input: $input) {
      __typename
      ... on ReportCommented { entryId duplicate }
      ... on Problem { message }
    }
  }
`;

export interface UpdateAnswer {
  id: string;
  reportId: string;
  status: string;
  note: string | null;
  at: string;
}

/**
 * FixMyStreet's extended statuses (its Open311 client understands these), from ours; the exact status travels as
 * external_status_code.
 */
export const FIXMYSTREET_STATUS: Record<string, string> = {
  SUBMITTED: "OPEN",
  ACKNOWLEDGED: "INVESTIGATING",
  IN_PROGRESS: "IN_PROGRESS",
  RESOLVED: "FIXED",
  REJECTED: "NO_FURTHER_ACTION",
  DUPLICATE: "DUPLICATE",
  REDIRECTED: "NOT_COUNCILS_RESPONSIBILITY",
};

export function updateOf(update: UpdateAnswer): Open311Object {
  return {
    update_id: update.id,
    service_request_id: update.reportId,
    status: FIXMYSTREET_STATUS[update.status] ?? "OPEN",
    updated_datetime: w3cDate(update.at),
    description: update.note,
    media_url: null,
    external_status_code: update.status,
  };
}
