// Directory resolvers: thin — validate input, call the store through loaders, map records to the schema.
import { z } from "zod";
import type { SubgraphContext } from "../../kit/context.ts";
import { badUserInput } from "../../kit/errors.ts";
import { isUuid } from "../../kit/ids.ts";
import { parsePage, toConnection } from "../../kit/pagination.ts";
import type { DirectoryLoaders } from "../loaders.ts";
import type { CommuneRecord, QuartierRecord } from "../ports/geographyStore.ts";

type Ctx = SubgraphContext<DirectoryLoaders>;

const NameKeySchema = z.object({ name: z.string(), id: z.uuid() });
const nameKey = (row: { name: string; id: string }) => ({ name: row.name, id: row.id });

function requireUuid(value: unknown, argument: string): string {
  if (typeof value !== "string" || !isUuid(value)) throw badUserInput("Identifiant invalide.", { argument });
  return value;
}

export const resolvers = {
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
      const { rows, total } = await ctx.loaders.store.listQuartiers({ communeId }, page);
      return { ...toConnection(rows, page.first, nameKey), totalCount: total };
    },
    async communes(_: unknown, args: { first?: number; after?: string }, ctx: Ctx) {
      const page = parsePage(args, NameKeySchema);
      const { rows, total } = await ctx.loaders.store.listCommunes(page);
      return { ...toConnection(rows, page.first, nameKey), totalCount: total };
    },
  },
  Quartier: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.quartier.load(ref.id),
    commune: (quartier: QuartierRecord, _: unknown, ctx: Ctx) => ctx.loaders.commune.load(quartier.communeId),
    centroid: (quartier: QuartierRecord) => ({ lat: quartier.centroidLat, lon: quartier.centroidLon }),
  },
  Commune: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.commune.load(ref.id),
    quartiers: (commune: CommuneRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.quartiersOfCommune.load(commune.id),
  },
};
