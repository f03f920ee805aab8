// PhotoStorage on the local disk: one file per photo under a configured folder, written atomically (temporary
// file, then rename) so that a reader never sees half a photo. In distributed mode every process that serves or
// stores photos must see the same folder (a shared volume), or another adapter (object storage) is configured.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isUuid } from "../../../platform/ids.ts";
import type { PhotoStorage } from "../ports/photoStorage.ts";

export function localDiskPhotoStorage(folder: string): PhotoStorage {
  const root = resolve(folder);
  // Keys are UUIDs, checked here as well: no client-chosen name can ever reach the file system.
  const pathOf = (id: string) => {
    if (!isUuid(id)) throw new Error("photo keys are UUIDs");
    return join(root, id.slice(-2), id);
  };
  return {
    async put(id, bytes) {
      const path = pathOf(id);
      await mkdir(join(root, id.slice(-2)), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, bytes, { mode: 0o640 });
      await rename(temporary, path);
    },
    async get(id) {
      try {
        return await readFile(pathOf(id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(id) {
      await rm(pathOf(id), { force: true });
    },
  };
}
