// Per-request loaders of the identity subgraph: each batch is one SQL statement.
import type { SubgraphDeps } from "../kit/context.ts";
import { isUuid } from "../kit/ids.ts";
import { byIdLoader, valueLoader } from "../kit/loaders.ts";
import { prismaAccountStore } from "./adapters/prismaAccountStore.ts";

const onlyUuids = (ids: readonly string[]) => ids.filter((id) => isUuid(id));

export function createIdentityLoaders(deps: SubgraphDeps) {
  const store = prismaAccountStore(deps.db.prisma);
  return {
    store,
    account: byIdLoader((ids) => store.accountsByIds(onlyUuids(ids))),
    participantCount: valueLoader((ids) => store.participantCounts(onlyUuids(ids)), 0),
  };
}

export type IdentityLoaders = ReturnType<typeof createIdentityLoaders>;
