// Per-request loaders of the identity subgraph: each batch is one SQL statement.
import DataLoader from "dataloader";
import type { SubgraphDeps } from "../../platform/context.ts";
import { isUuid } from "../../platform/ids.ts";
import { byIdLoader, valueLoader } from "../../platform/loaders.ts";
import { monStrasbourgDirectory } from "./adapters/monStrasbourgDirectory.ts";
import { prismaAccountStore } from "./adapters/prismaAccountStore.ts";
import type { AccountDirectory, Profile } from "./ports/accountDirectory.ts";

const onlyUuids = (ids: readonly string[]) => ids.filter((id) => isUuid(id));

export interface IdentityServices {
  directory: AccountDirectory;
}

export function createIdentityServices(deps: SubgraphDeps): IdentityServices {
  return { directory: monStrasbourgDirectory(deps) };
}

export function createIdentityLoaders(deps: SubgraphDeps, services: IdentityServices) {
  const store = prismaAccountStore(deps.db.prisma);
  const subject = valueLoader<string | null>((ids) => store.subjectsByIds(onlyUuids(ids)), null);
  return {
    store,
    directory: services.directory,
    account: byIdLoader((ids) => store.accountsByIds(onlyUuids(ids))),
    // One upstream call per person and request, whatever asks for it (displayName and profile alike).
    // An upstream failure is returned per key, so it fails the fields that needed it and nothing else.
    profile: new DataLoader<string, Profile | null>((ids) =>
      Promise.all(
        ids.map(async (id) => {
          const upstreamSubject = await subject.load(id);
          if (!upstreamSubject) return null;
          return services.directory.profile(upstreamSubject, id).catch((error: Error) => error);
        }),
      ),
    ),
    participantCount: valueLoader((ids) => store.participantCounts(onlyUuids(ids)), 0),
  };
}

export type IdentityLoaders = ReturnType<typeof createIdentityLoaders>;
