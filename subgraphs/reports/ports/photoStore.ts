// What the reports subgraph needs from storage for photos: uploads, attached to a report or waiting to be.
import type { PhotoRecord } from "../domain/model.ts";

export interface PhotoStore {
  photosOfReports(reportIds: readonly string[]): Promise<PhotoRecord[]>;
  photosByIds(ids: readonly string[]): Promise<PhotoRecord[]>;
  registerPhoto(photo: PhotoRecord): Promise<void>;
  /** Deletes unattached uploads past their expiry; returns their ids (their files are deleted by the caller). */
  purgeExpiredPhotos(now: Date): Promise<string[]>;
  /** Deletes these uploads if still unattached (the request that sent them was refused); returns those deleted. */
  discardUnattachedPhotos(ids: readonly string[]): Promise<string[]>;
}
