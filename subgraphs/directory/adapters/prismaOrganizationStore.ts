// OrganizationStore on Prisma, plus one raw SQL statement for the relation graph: a recursive CTE that walks the
// relations breadth-first from one organisation, both ways if asked, never revisiting an organisation on the same
// path, stopping at the depth limit and after a bounded number of paths — the graph is never loaded in memory.

import type { SqlRunner } from "../../../platform/db/database.ts";
import { containsText } from "../../../platform/db/textSearch.ts";
import { newId } from "../../../platform/ids.ts";
import { recordEvents } from "../../../platform/outbox.ts";
import type { Page } from "../../../platform/pagination.ts";
import type { Prisma, PrismaClient } from "../../../prisma/generated/client.ts";
import type { RelationGraphResult, RelationRecord, RelationType } from "../domain/relations.ts";
import type { NameKey } from "../ports/geographyStore.ts";
import type {
  ApplyChangesResult,
  OrganizationChanges,
  OrganizationKind,
  OrganizationRecord,
  OrganizationStore,
  RevisionAuthor,
  RevisionRecord,
} from "../ports/organizationStore.ts";

type OrganizationRow = Prisma.OrganizationGetPayload<object>;

function toRecord(row: OrganizationRow): OrganizationRecord {
  return { ...row, kind: row.kind as OrganizationKind };
}

const day = (value: Date | null): string | null => (value ? value.toISOString().slice(0, 10) : null);
const dateOf = (value: string | null): Date | null => (value ? new Date(`${value}T00:00:00Z`) : null);

function toRelation(row: Prisma.OrganizationRelationGetPayload<object>): RelationRecord {
  return {
    id: row.id,
    fromId: row.fromId,
    toId: row.toId,
    type: row.type as RelationType,
    validFrom: day(row.validFrom),
    validUntil: day(row.validUntil),
    note: row.note,
  };
}

function toRevision(row: Prisma.OrganizationRevisionGetPayload<object>): RevisionRecord {
  return {
    organizationId: row.organizationId,
    version: row.version,
    changes: row.changes as RevisionRecord["changes"],
    origin: row.origin as RevisionRecord["origin"],
    proposalId: row.proposalId,
    editedByAccountId: row.editedByAccountId,
    editedByClient: row.editedByClient,
    createdAt: row.createdAt,
  };
}

function afterName(after: NameKey | undefined) {
  if (!after) return {};
  return { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] };
}

/**
 * The walk. `edges` lists each relation once per direction it may be followed in (from → to as "outgoing", to →
 * from as "incoming"), already filtered by type and date; `walk` extends every path by one edge per level until
 * the depth limit, refusing to come back to an organisation already on the path. PostgreSQL evaluates the recursion
 * level by level and stops pulling rows once the outer LIMIT is met, so a dense graph costs at most `maxPaths` rows.
 */
const WALK_SQL = `
WITH RECURSIVE edges AS (
  SELECT r.id, r.from_id AS here, r.to_id AS there
  FROM "directory"."organization_relation" r
  WHERE $3 <> 'incoming'
    AND ($4::text[] IS NULL OR r.type = ANY($4::text[]))
    AND ($5::date IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $5::date)
                              AND (r.valid_until IS NULL OR r.valid_until >= $5::date)))
  UNION ALL
  SELECT r.id, r.to_id AS here, r.from_id AS there
  FROM "directory"."organization_relation" r
  WHERE $3 <> 'outgoing'
    AND ($4::text[] IS NULL OR r.type = ANY($4::text[]))
    AND ($5::date IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $5::date)
                              AND (r.valid_until IS NULL OR r.valid_until >= $5::date)))
),
walk(org_id, distance, path, relation_id) AS (
  SELECT $1::uuid, 0, ARRAY[$1::uuid], NULL::uuid
  UNION ALL
  SELECT e.there, w.distance + 1, w.path || e.there, e.id
  FROM walk w JOIN edges e ON e.here = w.org_id
  WHERE w.distance < $2 AND NOT (e.there = ANY(w.path))
)
SELECT p.org_id::text AS "orgId", p.distance, r.id::text AS id, r.from_id::text AS "fromId", r.to_id::text AS "toId",
       r.type, to_char(r.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(r.valid_until, 'YYYY-MM-DD') AS "validUntil",
       r.note
FROM (SELECT org_id, distance, relation_id FROM walk WHERE distance > 0 LIMIT $6) p
JOIN "directory"."organization_relation" r ON r.id = p.relation_id`;

interface WalkRow {
  orgId: string;
  distance: number;
  id: string;
  fromId: string;
  toId: string;
  type: RelationType;
  validFrom: string | null;
  validUntil: string | null;
  note: string | null;
}

type Tx = Prisma.TransactionClient;

/**
 * Applies changes to an organisation still at `expectedVersion`, records the revision and the outbox event; for
 * use inside a transaction (a reviewed proposal is marked applied in the same one).
 */
export async function applyChangesInTransaction(
  tx: Tx,
  id: string,
  changes: OrganizationChanges,
  expectedVersion: number,
  author: RevisionAuthor,
): Promise<ApplyChangesResult> {
  const current = await tx.organization.findUnique({ where: { id } });
  if (!current) return { kind: "not_found" };
  if (current.version !== expectedVersion)
    return { kind: "version_changed", currentVersion: current.version };
  // Nothing left to change (someone made the same change first): no new version, no empty revision.
  if (Object.keys(changes).length === 0) return { kind: "applied", organization: toRecord(current) };
  const version = current.version + 1;
  // The version in the WHERE clause makes a concurrent writer lose cleanly instead of overwriting.
  const updated = await tx.organization.updateManyAndReturn({
    where: { id, version: current.version },
    // The domain never clears `name` (it is required); the other fields accept null.
    data: { ...(changes as Prisma.OrganizationUpdateManyMutationInput), version, updatedAt: new Date() },
  });
  const row = updated[0];
  if (!row) return { kind: "version_changed", currentVersion: current.version + 1 };
  const diff = Object.fromEntries(
    Object.entries(changes).map(([field, to]) => [
      field,
      { from: current[field as keyof OrganizationRow], to },
    ]),
  );
  await tx.organizationRevision.create({
    data: {
      id: newId(),
      organizationId: id,
      version,
      changes: diff as Prisma.InputJsonValue,
      origin: author.origin,
      proposalId: author.proposalId ?? null,
      editedByAccountId: author.editedByAccountId,
      editedByClient: author.editedByClient,
    },
  });
  await recordEvents(tx, "directory", [
    {
      type: "organization.updated",
      subject: `organization:${id}`,
      payload: { organizationId: id, version, fields: Object.keys(changes), origin: author.origin },
    },
  ]);
  return { kind: "applied", organization: toRecord(row) };
}

export function prismaOrganizationStore(prisma: PrismaClient, sql: SqlRunner): OrganizationStore {
  return {
    async byIds(ids) {
      return (await prisma.organization.findMany({ where: { id: { in: [...ids] } } })).map(toRecord);
    },
    async bySlug(slug) {
      const row = await prisma.organization.findUnique({ where: { slug } });
      return row ? toRecord(row) : null;
    },
    async slugExists(slug) {
      return (await prisma.organization.count({ where: { slug } })) > 0;
    },
    async list(filter, page: Page<NameKey>) {
      const where: Prisma.OrganizationWhereInput = {
        ...(filter.kinds?.length ? { kind: { in: filter.kinds } } : {}),
        ...(filter.category ? { category: filter.category } : {}),
        ...(filter.quartierId ? { quartierId: filter.quartierId } : {}),
        ...(filter.search
          ? {
              OR: [{ name: containsText(filter.search) }, { acronym: containsText(filter.search) }],
            }
          : {}),
      };
      const [rows, total] = await Promise.all([
        prisma.organization.findMany({
          where: { AND: [where, afterName(page.after)] },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          take: page.first + 1,
        }),
        prisma.organization.count({ where }),
      ]);
      return { rows: rows.map(toRecord), total };
    },
    async walk(startId, options): Promise<RelationGraphResult> {
      const rows = await sql.query<WalkRow>(WALK_SQL, [
        startId,
        options.depth,
        options.direction,
        options.types,
        options.at,
        options.maxPaths,
      ]);
      const distances = new Map<string, number>();
      const edges = new Map<string, RelationRecord>();
      for (const row of rows) {
        if (row.orgId !== startId) {
          distances.set(row.orgId, Math.min(distances.get(row.orgId) ?? Infinity, Number(row.distance)));
        }
        edges.set(row.id, {
          id: row.id,
          fromId: row.fromId,
          toId: row.toId,
          type: row.type,
          validFrom: row.validFrom,
          validUntil: row.validUntil,
          note: row.note,
        });
      }
      const nodes = [...distances]
        .map(([organizationId, distance]) => ({ organizationId, distance }))
        .sort((a, b) => a.distance - b.distance || (a.organizationId < b.organizationId ? -1 : 1));
      return {
        depth: options.depth,
        nodes,
        edges: [...edges.values()],
        truncated: rows.length >= options.maxPaths,
      };
    },
    async relationsByIds(ids) {
      return (await prisma.organizationRelation.findMany({ where: { id: { in: [...ids] } } })).map(
        toRelation,
      );
    },
    async overlappingRelation(fromId, toId, type, validFrom, validUntil) {
      const row = await prisma.organizationRelation.findFirst({
        where: {
          fromId,
          toId,
          type,
          AND: [
            // [a, b] and [c, d] overlap when a <= d and c <= b (open ends count as infinite).
            validUntil
              ? { OR: [{ validFrom: null }, { validFrom: { lte: new Date(`${validUntil}T00:00:00Z`) } }] }
              : {},
            validFrom
              ? { OR: [{ validUntil: null }, { validUntil: { gte: new Date(`${validFrom}T00:00:00Z`) } }] }
              : {},
          ],
        },
        orderBy: { createdAt: "asc" },
      });
      return row ? toRelation(row) : null;
    },
    async addRelation(relation) {
      const row = await prisma.organizationRelation.create({
        data: {
          ...relation,
          validFrom: dateOf(relation.validFrom),
          validUntil: dateOf(relation.validUntil),
        },
      });
      return toRelation(row);
    },
    async endRelation(id, validUntil) {
      const rows = await prisma.organizationRelation.updateManyAndReturn({
        where: { id },
        data: { validUntil: dateOf(validUntil) },
      });
      return rows[0] ? toRelation(rows[0]) : null;
    },
    async create(organization, author) {
      return prisma.$transaction(async (tx) => {
        const row = await tx.organization.create({ data: organization });
        await tx.organizationRevision.create({
          data: {
            id: newId(),
            organizationId: row.id,
            version: 1,
            changes: Object.fromEntries(
              Object.entries(organization)
                .filter(([key, value]) => value !== null && key !== "id")
                .map(([key, value]) => [key, { from: null, to: value }]),
            ),
            origin: "creation",
            proposalId: null,
            editedByAccountId: author.editedByAccountId,
            editedByClient: author.editedByClient,
          },
        });
        await recordEvents(tx, "directory", [
          {
            type: "organization.created",
            subject: `organization:${row.id}`,
            payload: { organizationId: row.id },
          },
        ]);
        return toRecord(row);
      });
    },
    applyChanges(id, changes, expectedVersion, author) {
      return prisma.$transaction((tx) => applyChangesInTransaction(tx, id, changes, expectedVersion, author));
    },
    async revisionsOf(organizationIds) {
      const rows = await prisma.organizationRevision.findMany({
        where: { organizationId: { in: [...organizationIds] } },
        orderBy: [{ organizationId: "asc" }, { version: "desc" }],
      });
      return rows.map(toRevision);
    },
    async revisionsSince(organizationId, version) {
      const rows = await prisma.organizationRevision.findMany({
        where: { organizationId, version: { gt: version } },
        orderBy: { version: "asc" },
      });
      return rows.map(toRevision);
    },
  };
}
