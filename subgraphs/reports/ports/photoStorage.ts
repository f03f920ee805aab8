// Where photo files live. Local disk by default (adapters/localDiskPhotoStorage.ts); an object store would
// implement the same three calls. Keys are photo ids (UUIDs): never a name chosen by a client.

export interface PhotoStorage {
  put(id: string, bytes: Uint8Array, mediaType: string): Promise<void>;
  /** Null when absent. */
  get(id: string): Promise<Buffer | null>;
  /** Succeeds when absent. */
  delete(id: string): Promise<void>;
}
