// Places (near a point, in a box, or all) and the agenda, with the freshness of their copy of Strasbourg.eu.

import { z } from "zod";
import { badUserInput, forbidden } from "../../../platform/errors.ts";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import {
  type BoundingBoxInput,
  boxAround,
  type NearArgs,
  parseBoundingBox,
  parseNear,
} from "../domain/area.ts";
import type { Box } from "../domain/geometry.ts";
import { isOpenAt, type Opening, OpeningSchema } from "../domain/opening.ts";
import { SOURCE_EVENTS, SOURCE_PLACES } from "../jobs/syncDirectory.ts";
import type { EventLinkRecord, EventRecord } from "../ports/eventStore.ts";
import type { PlaceKind, PlaceRecord } from "../ports/placeStore.ts";
import {
  type Ctx,
  checked,
  dayOf,
  isDirectoryWriter,
  notFound,
  notRepresentative,
  optionalUuid,
  requireUuid,
} from "./shared.ts";
import { freshnessOf } from "./sync.ts";

const NameKeySchema = z.object({ name: z.string(), id: z.uuid() });
const DistanceKeySchema = z.object({ d: z.number().finite().min(0), id: z.uuid() });
const DayKeySchema = z.object({ d: z.iso.date(), id: z.uuid() });
const SEARCH_MAX = 100;

function searchText(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (text.length > SEARCH_MAX)
    throw badUserInput(`La recherche ne peut dépasser ${SEARCH_MAX} caractères.`, { argument: "search" });
  return text;
}

function intersect(a: Box, b: Box): Box {
  return {
    minLat: Math.max(a.minLat, b.minLat),
    maxLat: Math.min(a.maxLat, b.maxLat),
    minLon: Math.max(a.minLon, b.minLon),
    maxLon: Math.min(a.maxLon, b.maxLon),
  };
}

/** Opening information as stored, validated on the way out (a record that no longer parses shows none). */
function openingOf(place: PlaceRecord): Opening | null {
  const parsed = OpeningSchema.safeParse(place.opening);
  return parsed.success ? parsed.data : null;
}

export const placeResolvers = {
  Query: {
    async places(
      _: unknown,
      args: {
        near?: NearArgs | null;
        bbox?: BoundingBoxInput | null;
        filter?: { kinds?: PlaceKind[]; quartierId?: string | null; search?: string | null } | null;
        first?: number;
        after?: string;
      },
      ctx: Ctx,
    ) {
      const near = args.near
        ? checked(() => parseNear(args.near as NearArgs, ctx.config.DIRECTORY_MAX_RADIUS_METERS))
        : null;
      const bbox = args.bbox
        ? checked(() =>
            parseBoundingBox(args.bbox as BoundingBoxInput, ctx.config.DIRECTORY_MAX_BBOX_DEGREES),
          )
        : null;
      const filter = {
        ...(args.filter?.kinds?.length ? { kinds: args.filter.kinds } : {}),
        ...(args.filter?.quartierId
          ? { quartierId: requireUuid(args.filter.quartierId, "filter.quartierId") }
          : {}),
        ...(searchText(args.filter?.search) ? { search: searchText(args.filter?.search) } : {}),
      };
      const freshness = async () => (await freshnessOf([SOURCE_PLACES], ctx))[0];
      if (near) {
        const page = parsePage(args, DistanceKeySchema);
        const circle = boxAround(near);
        const box = bbox ? intersect(circle, bbox) : circle;
        if (box.minLat > box.maxLat || box.minLon > box.maxLon) {
          return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0, freshness };
        }
        const { rows, total } = await ctx.loaders.places.listByDistance(filter, near, box, page);
        const key = (row: PlaceRecord) => ({ d: row.distanceMeters ?? 0, id: row.id });
        return { ...toConnection(rows, page.first, key), totalCount: total, freshness };
      }
      const page = parsePage(args, NameKeySchema);
      const { rows, total } = await ctx.loaders.places.listByName(filter, bbox, page);
      return {
        ...toConnection(rows, page.first, (row) => ({ name: row.name, id: row.id })),
        totalCount: total,
        freshness,
      };
    },
    place: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.loaders.place.load(requireUuid(args.id, "id")),
    async events(
      _: unknown,
      args: {
        filter?: {
          from?: Date | string | null;
          to?: Date | string | null;
          placeId?: string | null;
          organizationId?: string | null;
          categorySourceId?: string | null;
          search?: string | null;
        } | null;
        first?: number;
        after?: string;
      },
      ctx: Ctx,
    ) {
      const page = parsePage(args, DayKeySchema);
      const filter = args.filter ?? {};
      const from = dayOf(filter.from) ?? new Date().toISOString().slice(0, 10);
      const to = dayOf(filter.to) ?? undefined;
      if (to && to < from)
        throw badUserInput("La fin de la période précède son début.", { argument: "filter.to" });
      const placeId = optionalUuid(filter.placeId, "filter.placeId");
      const organizationId = optionalUuid(filter.organizationId, "filter.organizationId");
      const categorySourceId = filter.categorySourceId?.slice(0, 64) || undefined;
      const search = searchText(filter.search);
      const { rows, total } = await ctx.loaders.events.list(
        {
          from,
          ...(to ? { to } : {}),
          ...(placeId ? { placeId } : {}),
          ...(organizationId ? { organizationId } : {}),
          ...(categorySourceId ? { categorySourceId } : {}),
          ...(search ? { search } : {}),
        },
        page,
      );
      return {
        ...toConnection(rows, page.first, (row) => ({ d: row.startDate, id: row.id })),
        totalCount: total,
        freshness: async () => (await freshnessOf([SOURCE_EVENTS], ctx))[0],
      };
    },
    event: (_: unknown, args: { id: string }, ctx: Ctx) => ctx.loaders.event.load(requireUuid(args.id, "id")),
  },
  Place: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.place.load(ref.id),
    location: (place: PlaceRecord) => ({ lat: place.lat, lon: place.lon }),
    quartier: (place: PlaceRecord, _: unknown, ctx: Ctx) =>
      place.quartierId ? ctx.loaders.quartier.load(place.quartierId) : null,
    commune: (place: PlaceRecord, _: unknown, ctx: Ctx) =>
      place.communeId ? ctx.loaders.commune.load(place.communeId) : null,
    opening: (place: PlaceRecord) => openingOf(place),
    accessibility: (place: PlaceRecord) =>
      place.accessibility && typeof place.accessibility === "object" ? place.accessibility : null,
    distanceMeters: (place: PlaceRecord) =>
      place.distanceMeters === undefined ? null : Math.round(place.distanceMeters * 10) / 10,
    upcomingEvents: (place: PlaceRecord, args: { limit?: number | null }, ctx: Ctx) => {
      const limit = args.limit ?? 10;
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
        throw badUserInput("`limit` doit être compris entre 1 et 50.", { argument: "limit" });
      }
      return ctx.loaders.upcomingEvents.load(`${limit}:${place.id}`);
    },
    provenance: (place: PlaceRecord) => ({
      source: place.source,
      sourceId: place.sourceId,
      fetchedAt: place.fetchedAt,
    }),
    removedFromSource: (place: PlaceRecord) => place.deletedAt !== null,
  },
  OpeningInformation: {
    isOpenAt: (opening: Opening, args: { at?: Date | null }) => isOpenAt(opening, args.at ?? new Date()),
  },
  OpeningSchedule: {
    opens: (schedule: { startHour: string }) => schedule.startHour,
    closes: (schedule: { endHour: string }) => schedule.endHour,
  },
  OpeningException: {
    opens: (exception: { startHour: string | null }) => exception.startHour,
    closes: (exception: { endHour: string | null }) => exception.endHour,
  },
  Event: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.event.load(ref.id),
    place: (event: EventRecord, _: unknown, ctx: Ctx) =>
      event.placeId ? ctx.loaders.place.load(event.placeId) : null,
    freeEntry: (event: EventRecord) => (event.freeEntry === null ? null : event.freeEntry > 0),
    categories: async (event: EventRecord, _: unknown, ctx: Ctx) =>
      (await ctx.loaders.category.loadMany(event.categoryIds)).filter(
        (category) => category !== null && !(category instanceof Error),
      ),
    organizations: (event: EventRecord, _: unknown, ctx: Ctx) => ctx.loaders.linksOfEvent.load(event.id),
    provenance: (event: EventRecord) => ({
      source: event.source,
      sourceId: event.sourceId,
      fetchedAt: event.fetchedAt,
    }),
  },
  EventLink: {
    event: (link: EventLinkRecord, _: unknown, ctx: Ctx) => ctx.loaders.event.load(link.eventId),
    organization: (link: EventLinkRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.organization.load(link.organizationId),
  },
  Mutation: {
    async linkEventToOrganization(
      _: unknown,
      args: { eventId: string; organizationId: string; role: EventLinkRecord["role"] },
      ctx: Ctx,
    ) {
      const eventId = requireUuid(args.eventId, "eventId");
      const organizationId = requireUuid(args.organizationId, "organizationId");
      const [event, organization] = await Promise.all([
        ctx.loaders.event.load(eventId),
        ctx.loaders.organization.load(organizationId),
      ]);
      if (!event) return notFound("Événement introuvable.");
      if (!organization) return notFound("Organisation introuvable.");
      const allowed =
        isDirectoryWriter(ctx) ||
        (ctx.caller.kind !== "partner" && (await ctx.loaders.viewerRepresents.load(organizationId)));
      if (!allowed) {
        if (ctx.caller.kind === "partner") throw forbidden("Le scope directory:write est nécessaire.");
        return notRepresentative();
      }
      const link = await ctx.loaders.events.link({ eventId, organizationId, role: args.role });
      return { __typename: "EventLinked", link };
    },
  },
};
