// Per-request loaders of the directory: each batch is one SQL statement per entity type.

import DataLoader from "dataloader";
import type { SubgraphDeps } from "../kit/context.ts";
import { isUuid } from "../kit/ids.ts";
import { byIdLoader } from "../kit/loaders.ts";
import { prismaGeographyStore } from "./adapters/prismaGeographyStore.ts";
import type { QuartierRecord } from "./ports/geographyStore.ts";

// Ids that are not UUIDs cannot exist; they are answered with null without reaching the database.
const onlyUuids = (ids: readonly string[]) => ids.filter((id) => isUuid(id));

export function createDirectoryLoaders(deps: SubgraphDeps) {
  const store = prismaGeographyStore(deps.db.prisma);
  return {
    store,
    quartier: byIdLoader((ids) => store.quartiersByIds(onlyUuids(ids))),
    commune: byIdLoader((ids) => store.communesByIds(onlyUuids(ids))),
    quartiersOfCommune: new DataLoader<string, QuartierRecord[]>(async (communeIds) => {
      const rows = await store.quartiersOfCommunes(onlyUuids(communeIds));
      return communeIds.map((id) => rows.filter((row) => row.communeId === id));
    }),
  };
}

export type DirectoryLoaders = ReturnType<typeof createDirectoryLoaders>;
