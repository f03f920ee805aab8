// Organisations: lists and lookups, the relation graph (bounded walk done by the database), history, and the
// direct writes of staff and partner services (directory:write).
import { z } from "zod";
import { badUserInput } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { effectiveChanges, InvalidField, normalizeChanges } from "../domain/contributions.ts";
import {
  checkDepth,
  type Direction,
  isActiveOn,
  type RelationRecord,
  type RelationType,
  todayInStrasbourg,
} from "../domain/relations.ts";
import { slugify } from "../domain/text.ts";
import type {
  OrganizationChanges,
  OrganizationKind,
  OrganizationRecord,
} from "../ports/organizationStore.ts";
import { listInitiatives } from "./initiatives.ts";
import {
  authorOf,
  type Ctx,
  checked,
  dayOf,
  invalidValue,
  notFound,
  optionalUuid,
  requireUuid,
} from "./shared.ts";

const NameKeySchema = z.object({ name: z.string(), id: z.uuid() });
const nameKey = (row: { name: string; id: string }) => ({ name: row.name, id: row.id });
const SEARCH_MAX = 100;

type ChangesInput = Partial<Record<keyof OrganizationChanges, string | null>>;

interface RelationsArgs {
  depth?: number | null;
  direction?: Direction | null;
  types?: RelationType[] | null;
  at?: Date | string | null;
  includeInactive?: boolean | null;
}

function searchText(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (text.length > SEARCH_MAX)
    throw badUserInput(`La recherche ne peut dépasser ${SEARCH_MAX} caractères.`, { argument: "search" });
  return text;
}

export const organizationResolvers = {
  Query: {
    async organizations(
      _: unknown,
      args: {
        filter?: {
          kinds?: OrganizationKind[];
          category?: string;
          quartierId?: string;
          search?: string;
        } | null;
        first?: number;
        after?: string;
      },
      ctx: Ctx,
    ) {
      const page = parsePage(args, NameKeySchema);
      const filter = args.filter ?? {};
      const { rows, total } = await ctx.loaders.organizations.list(
        {
          ...(filter.kinds?.length ? { kinds: filter.kinds } : {}),
          ...(filter.category ? { category: filter.category } : {}),
          ...(filter.quartierId ? { quartierId: requireUuid(filter.quartierId, "filter.quartierId") } : {}),
          ...(searchText(filter.search) ? { search: searchText(filter.search) } : {}),
        },
        page,
      );
      return { ...toConnection(rows, page.first, nameKey), totalCount: total };
    },
    organization: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.organization.load(requireUuid(args.id, "id")),
    organizationBySlug: (_: unknown, args: { slug: string }, ctx: Ctx) =>
      args.slug.length > 100 ? null : ctx.loaders.organizations.bySlug(args.slug),
  },
  Organization: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.organization.load(ref.id),
    quartier: (org: OrganizationRecord, _: unknown, ctx: Ctx) =>
      org.quartierId ? ctx.loaders.quartier.load(org.quartierId) : null,
    commune: (org: OrganizationRecord, _: unknown, ctx: Ctx) =>
      org.communeId ? ctx.loaders.commune.load(org.communeId) : null,
    async relations(org: OrganizationRecord, args: RelationsArgs, ctx: Ctx) {
      const depth = checked(() => checkDepth(args.depth ?? 1, ctx.config.DIRECTORY_RELATION_MAX_DEPTH));
      const at = args.includeInactive ? null : (dayOf(args.at) ?? todayInStrasbourg());
      const graph = await ctx.loaders.organizations.walk(org.id, {
        depth,
        direction: args.direction ?? "both",
        types: args.types?.length ? args.types : null,
        at,
        maxPaths: ctx.config.DIRECTORY_RELATION_MAX_NODES,
      });
      return {
        depth: graph.depth,
        truncated: graph.truncated,
        edges: graph.edges,
        nodes: graph.nodes.map((node) => ({ distance: node.distance, organizationId: node.organizationId })),
      };
    },
    initiatives: (org: OrganizationRecord, args: { first?: number; after?: string }, ctx: Ctx) =>
      listInitiativesOf(org.id, args, ctx),
    events: (org: OrganizationRecord, _: unknown, ctx: Ctx) => ctx.loaders.linksOfOrganization.load(org.id),
    history: (org: OrganizationRecord, _: unknown, ctx: Ctx) => ctx.loaders.revisions.load(org.id),
    representatives: async (org: OrganizationRecord, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.representatives.load(org.id)).map((id) => ({ id })),
    viewerIsRepresentative: (org: OrganizationRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.viewerRepresents.load(org.id),
    provenance: (org: OrganizationRecord) => ({
      source: org.source,
      sourceId: org.sourceId,
      fetchedAt: org.fetchedAt,
    }),
  },
  RelationGraphNode: {
    organization: (node: { organizationId: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.organization.load(node.organizationId),
  },
  OrganizationRelation: {
    from: (relation: RelationRecord, _: unknown, ctx: Ctx) => ctx.loaders.organization.load(relation.fromId),
    to: (relation: RelationRecord, _: unknown, ctx: Ctx) => ctx.loaders.organization.load(relation.toId),
    active: (relation: RelationRecord) => isActiveOn(relation, todayInStrasbourg()),
  },
  OrganizationRevision: {
    editedBy: (revision: { editedByAccountId: string | null }) =>
      revision.editedByAccountId ? { id: revision.editedByAccountId } : null,
  },
  Mutation: {
    async createOrganization(
      _: unknown,
      args: {
        input: ChangesInput & {
          kind: OrganizationKind;
          category?: string | null;
          slug?: string | null;
          quartierId?: string | null;
          communeId?: string | null;
        };
      },
      ctx: Ctx,
    ) {
      const { input } = args;
      let changes: OrganizationChanges;
      try {
        changes = normalizeChanges({ ...pickEditable(input), name: input.name ?? null });
      } catch (error) {
        return invalidValue(error);
      }
      const quartierId = optionalUuid(input.quartierId, "input.quartierId") ?? null;
      const communeId = optionalUuid(input.communeId, "input.communeId") ?? null;
      if (quartierId && !(await ctx.loaders.quartier.load(quartierId)))
        return notFound("Quartier introuvable.");
      if (communeId && !(await ctx.loaders.commune.load(communeId))) return notFound("Commune introuvable.");
      const category = input.category?.trim() || null;
      if (category && !/^[a-z][a-z0-9_]{1,49}$/.test(category)) {
        return invalidValue(
          new InvalidField("category", "Le type s'écrit en minuscules et _ (50 caractères au plus)."),
        );
      }
      const slug = await freeSlug(
        input.slug?.trim() || slugify(changes.name ?? ""),
        Boolean(input.slug),
        ctx,
      );
      if (typeof slug !== "string") return slug;
      const organization = await ctx.loaders.organizations.create(
        {
          id: newId(),
          slug,
          kind: input.kind,
          category,
          name: changes.name as string,
          acronym: changes.acronym ?? null,
          description: changes.description ?? null,
          website: changes.website ?? null,
          email: changes.email ?? null,
          phone: changes.phone ?? null,
          address: changes.address ?? null,
          quartierId,
          communeId,
        },
        authorOf(ctx),
      );
      return { __typename: "OrganizationSaved", organization };
    },
    async updateOrganization(_: unknown, args: { id: string; changes: ChangesInput }, ctx: Ctx) {
      const id = requireUuid(args.id, "id");
      const current = await ctx.loaders.organization.load(id);
      if (!current) return notFound("Organisation introuvable.");
      let changes: OrganizationChanges;
      try {
        changes = effectiveChanges(current, normalizeChanges(args.changes));
      } catch (error) {
        return invalidValue(error);
      }
      if (Object.keys(changes).length === 0) {
        return { __typename: "OrganizationUnchanged", message: "Ces valeurs sont déjà celles de la fiche." };
      }
      const result = await ctx.loaders.organizations.applyChanges(
        id,
        changes,
        current.version,
        authorOf(ctx),
      );
      if (result.kind === "not_found") return notFound("Organisation introuvable.");
      if (result.kind === "version_changed") {
        // A concurrent edit: the caller retries on the fresh record (the mutation is not blindly replayed).
        throw badUserInput(
          "La fiche vient d'être modifiée par quelqu'un d'autre : rechargez-la et recommencez.",
          {
            argument: "id",
          },
        );
      }
      return { __typename: "OrganizationSaved", organization: result.organization };
    },
    async addOrganizationRelation(
      _: unknown,
      args: {
        input: {
          fromId: string;
          toId: string;
          type: RelationType;
          validFrom?: Date | string | null;
          validUntil?: Date | string | null;
          note?: string | null;
        };
      },
      ctx: Ctx,
    ) {
      const { input } = args;
      const fromId = requireUuid(input.fromId, "input.fromId");
      const toId = requireUuid(input.toId, "input.toId");
      if (fromId === toId) {
        return invalidValue(
          new InvalidField("toId", "Une organisation ne peut être en relation avec elle-même."),
        );
      }
      const [from, to] = await Promise.all([
        ctx.loaders.organization.load(fromId),
        ctx.loaders.organization.load(toId),
      ]);
      if (!from || !to) return notFound("Organisation introuvable.");
      const validFrom = dayOf(input.validFrom);
      const validUntil = dayOf(input.validUntil);
      if (validFrom && validUntil && validUntil < validFrom) {
        return invalidValue(
          new InvalidField("validUntil", "La fin de la relation ne peut précéder son début."),
        );
      }
      const note = input.note?.trim() || null;
      if (note && note.length > 500)
        return invalidValue(new InvalidField("note", "La précision ne peut dépasser 500 caractères."));
      const existing = await ctx.loaders.organizations.overlappingRelation(
        fromId,
        toId,
        input.type,
        validFrom,
        validUntil,
      );
      if (existing) {
        return {
          __typename: "RelationAlreadyExists",
          message: "Cette relation existe déjà sur cette période.",
          relation: existing,
        };
      }
      const relation = await ctx.loaders.organizations.addRelation({
        id: newId(),
        fromId,
        toId,
        type: input.type,
        validFrom,
        validUntil,
        note,
      });
      return { __typename: "RelationSaved", relation };
    },
    async endOrganizationRelation(
      _: unknown,
      args: { id: string; validUntil?: Date | string | null },
      ctx: Ctx,
    ) {
      const id = requireUuid(args.id, "id");
      const relation = await ctx.loaders.relation.load(id);
      if (!relation) return notFound("Relation introuvable.");
      const validUntil = dayOf(args.validUntil) ?? todayInStrasbourg();
      if (relation.validFrom && validUntil < relation.validFrom) {
        return invalidValue(
          new InvalidField("validUntil", "La fin de la relation ne peut précéder son début."),
        );
      }
      const ended = await ctx.loaders.organizations.endRelation(id, validUntil);
      return ended ? { __typename: "RelationSaved", relation: ended } : notFound("Relation introuvable.");
    },
  },
};

function pickEditable(input: ChangesInput) {
  const { name, acronym, description, website, email, phone, address } = input;
  return { name, acronym, description, website, email, phone, address };
}

/** A free slug: the asked one must be free and well formed; a derived one gets a numeric suffix when taken. */
async function freeSlug(wanted: string, explicit: boolean, ctx: Ctx) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(wanted) || wanted.length > 80) {
    return invalidValue(
      new InvalidField("slug", "L'identifiant lisible s'écrit en minuscules, chiffres et tirets."),
    );
  }
  if (!(await ctx.loaders.organizations.slugExists(wanted))) return wanted;
  if (explicit) return invalidValue(new InvalidField("slug", "Cet identifiant lisible est déjà pris."));
  for (let suffix = 2; suffix < 100; suffix++) {
    const candidate = `${wanted}-${suffix}`;
    if (!(await ctx.loaders.organizations.slugExists(candidate))) return candidate;
  }
  return invalidValue(new InvalidField("slug", "Choisissez un identifiant lisible."));
}

function listInitiativesOf(organizationId: string, args: { first?: number; after?: string }, ctx: Ctx) {
  return listInitiatives({ organizerOrganizationId: organizationId }, args, ctx);
}
