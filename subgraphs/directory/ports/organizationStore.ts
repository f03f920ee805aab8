// What the directory needs from storage for organisations, their relations and their history.
import type { Page } from "../../../platform/pagination.ts";
import type { Direction, RelationGraphResult, RelationRecord, RelationType } from "../domain/relations.ts";
import type { NameKey } from "./geographyStore.ts";

export type OrganizationKind = "association" | "institution" | "local_democracy_body" | "partner_service";

export interface OrganizationRecord {
  id: string;
  slug: string;
  kind: OrganizationKind;
  category: string | null;
  name: string;
  acronym: string | null;
  description: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  quartierId: string | null;
  communeId: string | null;
  version: number;
  source: string;
  sourceId: string | null;
  fetchedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields a representative may propose and staff may edit directly. */
export const EDITABLE_FIELDS = [
  "name",
  "acronym",
  "description",
  "website",
  "email",
  "phone",
  "address",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type OrganizationChanges = Partial<Record<EditableField, string | null>>;

export interface RevisionRecord {
  organizationId: string;
  version: number;
  changes: Record<string, { from: unknown; to: unknown }>;
  origin: "creation" | "staff_edit" | "partner_edit" | "proposal";
  proposalId: string | null;
  editedByAccountId: string | null;
  editedByClient: string | null;
  createdAt: Date;
}

export interface OrganizationFilter {
  kinds?: OrganizationKind[];
  category?: string;
  quartierId?: string;
  search?: string;
}

export interface NewOrganization {
  id: string;
  slug: string;
  kind: OrganizationKind;
  category: string | null;
  name: string;
  acronym: string | null;
  description: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  quartierId: string | null;
  communeId: string | null;
}

export interface RevisionAuthor {
  origin: RevisionRecord["origin"];
  proposalId?: string | null;
  editedByAccountId: string | null;
  editedByClient: string | null;
}

export type ApplyChangesResult =
  | { kind: "applied"; organization: OrganizationRecord }
  | { kind: "not_found" }
  /** Another change landed first (optimistic concurrency on `version`). */
  | { kind: "version_changed"; currentVersion: number };

export interface OrganizationStore {
  byIds(ids: readonly string[]): Promise<OrganizationRecord[]>;
  bySlug(slug: string): Promise<OrganizationRecord | null>;
  slugExists(slug: string): Promise<boolean>;
  list(
    filter: OrganizationFilter,
    page: Page<NameKey>,
  ): Promise<{ rows: OrganizationRecord[]; total: number }>;
  /** Breadth-first walk of the relation graph, bounded by depth and by number of paths, done by the database. */
  walk(
    startId: string,
    options: {
      depth: number;
      direction: Direction;
      types: RelationType[] | null;
      at: string | null;
      maxPaths: number;
    },
  ): Promise<RelationGraphResult>;
  relationsByIds(ids: readonly string[]): Promise<RelationRecord[]>;
  /** Relations between the same two organisations with the same type whose dates overlap the given ones. */
  overlappingRelation(
    fromId: string,
    toId: string,
    type: RelationType,
    validFrom: string | null,
    validUntil: string | null,
  ): Promise<RelationRecord | null>;
  addRelation(relation: RelationRecord): Promise<RelationRecord>;
  endRelation(id: string, validUntil: string): Promise<RelationRecord | null>;
  create(organization: NewOrganization, author: RevisionAuthor): Promise<OrganizationRecord>;
  /** Applies the changes if the organisation is still at `expectedVersion`; records a revision in the same transaction. */
  applyChanges(
    id: string,
    changes: OrganizationChanges,
    expectedVersion: number,
    author: RevisionAuthor,
  ): Promise<ApplyChangesResult>;
  revisionsOf(organizationIds: readonly string[]): Promise<RevisionRecord[]>;
  /** Revisions after a version (to tell which fields changed since a proposal was made). */
  revisionsSince(organizationId: string, version: number): Promise<RevisionRecord[]>;
}
