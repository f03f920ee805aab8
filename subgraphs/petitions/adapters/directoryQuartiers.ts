// QuartierDirectory through the directory subgraph's API (its tables are not ours): one internal call per
// check, as the system caller. An unreachable directory is an upstream failure, not "unknown quartier".
import type { InternalClient } from "../../../platform/internalClient.ts";
import type { QuartierDirectory } from "../domain/context.ts";

export class DirectoryUnavailable extends Error {
  override name = "DirectoryUnavailable";
}

export function directoryQuartiers(internal: InternalClient): QuartierDirectory {
  return {
    async exists(quartierId) {
      try {
        const data = await internal.request<{ quartier: { id: string } | null }>(
          "directory",
          "query PetitionQuartier($id: ID!) { quartier(id: $id) { id } }",
          { id: quartierId },
        );
        return data.quartier !== null;
      } catch (error) {
        throw new DirectoryUnavailable((error as Error).message);
      }
    },
  };
}
