// Rows of the participation schema as records: the SELECT lists (arrays as JSON, so both drivers read them alike)
// and their conversion (dates may come back as Date or text depending on the driver).
import type {
  ConsultationRecord,
  DocumentRecord,
  LinkRecord,
  MeetingRecord,
  ProjectRecord,
  StepRecord,
} from "../domain/model.ts";
import type { QuestionRecord } from "../domain/questionnaire.ts";
import type { ResponseRecord } from "../domain/respond.ts";

export type Row = Record<string, unknown>;

const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const dateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : date(value);
const json = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;
const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

export const SELECT_PROJECT = `id::text AS id, title, summary, body, budget_text AS "budgetText", label,
  duration_text AS "durationText", coalesce(array_to_json(partners), '[]'::json) AS partners, contact,
  image_url AS "imageUrl", responsible_service AS "responsibleService",
  coalesce(array_to_json(quartier_ids), '[]'::json) AS "quartierIds",
  coalesce(array_to_json(commune_ids), '[]'::json) AS "communeIds", places, comments_open AS "commentsOpen",
  created_by_account_id::text AS "createdByAccountId", created_at AS "createdAt", updated_at AS "updatedAt"`;

export function toProject(row: Row): ProjectRecord {
  return {
    id: String(row.id),
    title: String(row.title),
    summary: String(row.summary),
    body: String(row.body),
    budgetText: (row.budgetText as string | null) ?? null,
    label: (row.label as string | null) ?? null,
    durationText: (row.durationText as string | null) ?? null,
    partners: json<string[]>(row.partners),
    contact: (row.contact as string | null) ?? null,
    imageUrl: (row.imageUrl as string | null) ?? null,
    responsibleService: (row.responsibleService as string | null) ?? null,
    quartierIds: json<string[]>(row.quartierIds),
    communeIds: json<string[]>(row.communeIds),
    places: json(row.places),
    commentsOpen: Boolean(row.commentsOpen),
    createdByAccountId: (row.createdByAccountId as string | null) ?? null,
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
  };
}

export const SELECT_STEP = `id::text AS id, project_id::text AS "projectId", position, title, description,
  starts_at AS "startsAt", ends_at AS "endsAt"`;

export function toStep(row: Row): StepRecord {
  return {
    id: String(row.id),
    projectId: String(row.projectId),
    position: Number(row.position),
    title: String(row.title),
    description: String(row.description),
    startsAt: date(row.startsAt),
    endsAt: dateOrNull(row.endsAt),
  };
}

export const toLink = (row: Row): LinkRecord => ({
  projectId: String(row.projectId),
  kind: row.kind as LinkRecord["kind"],
  targetId: String(row.targetId),
});

export const SELECT_CONSULTATION = `id::text AS id, project_id::text AS "projectId", kind, title, summary, body,
  publication_starts_at AS "publicationStartsAt", publication_ends_at AS "publicationEndsAt",
  participation_starts_at AS "participationStartsAt", participation_ends_at AS "participationEndsAt",
  closed_at AS "closedAt", minimum_age AS "minimumAge", require_resident AS "requireResident",
  require_pact AS "requirePact", coalesce(array_to_json(quartier_ids), '[]'::json) AS "quartierIds",
  results_published_at AS "resultsPublishedAt", synthesis, city_answer AS "cityAnswer",
  comments_open AS "commentsOpen", created_by_account_id::text AS "createdByAccountId", created_at AS "createdAt"`;

export function toConsultation(row: Row): ConsultationRecord {
  return {
    id: String(row.id),
    projectId: (row.projectId as string | null) ?? null,
    kind: row.kind as ConsultationRecord["kind"],
    title: String(row.title),
    summary: String(row.summary),
    body: String(row.body),
    publicationStartsAt: date(row.publicationStartsAt),
    publicationEndsAt: dateOrNull(row.publicationEndsAt),
    participationStartsAt: date(row.participationStartsAt),
    participationEndsAt: date(row.participationEndsAt),
    closedAt: dateOrNull(row.closedAt),
    eligibility: {
      minimumAge: numberOrNull(row.minimumAge),
      requireResident: Boolean(row.requireResident),
      requirePact: Boolean(row.requirePact),
      quartierIds: json<string[]>(row.quartierIds),
    },
    resultsPublishedAt: dateOrNull(row.resultsPublishedAt),
    synthesis: (row.synthesis as string | null) ?? null,
    cityAnswer: (row.cityAnswer as string | null) ?? null,
    commentsOpen: Boolean(row.commentsOpen),
    createdByAccountId: (row.createdByAccountId as string | null) ?? null,
    createdAt: date(row.createdAt),
  };
}

export const SELECT_MEETING = `id::text AS id, consultation_id::text AS "consultationId", title,
  starts_at AS "startsAt", ends_at AS "endsAt", address, latitude AS lat, longitude AS lon,
  agenda_event_id::text AS "agendaEventId"`;

export const toMeeting = (row: Row): MeetingRecord => ({
  id: String(row.id),
  consultationId: String(row.consultationId),
  title: String(row.title),
  startsAt: date(row.startsAt),
  endsAt: dateOrNull(row.endsAt),
  address: (row.address as string | null) ?? null,
  lat: numberOrNull(row.lat),
  lon: numberOrNull(row.lon),
  agendaEventId: (row.agendaEventId as string | null) ?? null,
});

export const SELECT_DOCUMENT = `id::text AS id, consultation_id::text AS "consultationId", position, title, url`;

export const toDocument = (row: Row): DocumentRecord => ({
  id: String(row.id),
  consultationId: String(row.consultationId),
  position: Number(row.position),
  title: String(row.title),
  url: String(row.url),
});

export const SELECT_QUESTION = `id::text AS id, consultation_id::text AS "consultationId", position, kind, label, help,
  required, options, max_choices AS "maxChoices", scale_min AS "scaleMin", scale_max AS "scaleMax", show_if AS "showIf"`;

export function toQuestion(row: Row): QuestionRecord {
  return {
    id: String(row.id),
    consultationId: String(row.consultationId),
    position: Number(row.position),
    kind: row.kind as QuestionRecord["kind"],
    label: String(row.label),
    help: String(row.help),
    required: Boolean(row.required),
    options: json(row.options),
    maxChoices: numberOrNull(row.maxChoices),
    scaleMin: numberOrNull(row.scaleMin),
    scaleMax: numberOrNull(row.scaleMax),
    showIf: row.showIf === null || row.showIf === undefined ? null : json(row.showIf),
  };
}

export const SELECT_RESPONSE = `id::text AS id, consultation_id::text AS "consultationId", account_id::text AS "accountId",
  answers, quartier_id::text AS "quartierId", revision, created_at AS "createdAt", updated_at AS "updatedAt"`;

export function toResponse(row: Row): ResponseRecord {
  return {
    id: String(row.id),
    consultationId: String(row.consultationId),
    accountId: (row.accountId as string | null) ?? null,
    answers: json(row.answers),
    quartierId: (row.quartierId as string | null) ?? null,
    revision: Number(row.revision),
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
  };
}
