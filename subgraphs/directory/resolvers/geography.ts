// Communes and quartiers: lists, lookups by id, and point-in-polygon lookups (quartierAt, communeAt — the
// signatures the reports and budget subgraphs call internally).
import { z } from "zod";
import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { checkCoordinates } from "../domain/area.ts";
import { pickContaining } from "../domain/locate.ts";
import type { BoundaryFields, CommuneRecord, QuartierRecord } from "../ports/geographyStore.ts";
import { type Ctx, checked, requireUuid } from "./shared.ts";

const NameKeySchema = z.object({ name: z.string(), id: z.uuid() });
const nameKey = (row: { name: string; id: string }) => ({ name: row.name, id: row.id });

export const provenanceOfBoundary = (row: BoundaryFields & { boundarySourceId?: string | null }) =>
  row.boundary === null || row.boundary === undefined
    ? null
    : {
        source: row.boundarySource ?? "inconnue",
        sourceId: row.boundarySourceId ?? null,
        fetchedAt: row.boundaryFetchedAt,
      };

export const geographyResolvers = {
  Query: {
    quartier: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.quartier.load(requireUuid(args.id, "id")),
    async quartiers(
      _: unknown,
      args: { communeId?: string | null; first?: number; after?: string },
      ctx: Ctx,
    ) {
      const page = parsePage(args, NameKeySchema);
      const communeId = args.communeId ? requireUuid(args.communeId, "communeId") : undefined;
      const { rows, total } = await ctx.loaders.geography.listQuartiers({ communeId }, page);
      return { ...toConnection(rows, page.first, nameKey), totalCount: total };
    },
    async communes(_: unknown, args: { first?: number; after?: string }, ctx: Ctx) {
      const page = parsePage(args, NameKeySchema);
      const { rows, total } = await ctx.loaders.geography.listCommunes(page);
      return { ...toConnection(rows, page.first, nameKey), totalCount: total };
    },
    async quartierAt(_: unknown, args: { lat: number; lon: number }, ctx: Ctx) {
      checked(() => checkCoordinates(args.lat, args.lon));
      const found = pickContaining(
        await ctx.loaders.geography.quartierCandidates(args.lat, args.lon),
        args.lat,
        args.lon,
      );
      return found ? ctx.loaders.quartier.load(found.id) : null;
    },
    async communeAt(_: unknown, args: { lat: number; lon: number }, ctx: Ctx) {
      checked(() => checkCoordinates(args.lat, args.lon));
      const found = pickContaining(
        await ctx.loaders.geography.communeCandidates(args.lat, args.lon),
        args.lat,
        args.lon,
      );
      return found ? ctx.loaders.commune.load(found.id) : null;
    },
  },
  Quartier: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.quartier.load(ref.id),
    commune: (quartier: QuartierRecord, _: unknown, ctx: Ctx) => ctx.loaders.commune.load(quartier.communeId),
    centroid: (quartier: QuartierRecord) => ({ lat: quartier.centroidLat, lon: quartier.centroidLon }),
    boundaryProvenance: (quartier: QuartierRecord) => provenanceOfBoundary(quartier),
  },
  Commune: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.commune.load(ref.id),
    quartiers: (commune: CommuneRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.quartiersOfCommune.load(commune.id),
    boundaryProvenance: (commune: CommuneRecord) => provenanceOfBoundary(commune),
  },
};
