// Which area (quartier or commune) a point lies in. Candidates come from storage already prefiltered by their
// bounding box; the exact test is point-in-polygon with the boundary counted as inside. A point exactly on the
// border shared by two areas lies in both: the one whose key (slug, INSEE code) sorts first is chosen, so the
// answer is the same on every call and every backend.
import { type AreaGeometry, containsPoint } from "./geometry.ts";

export interface LocatableArea {
  id: string;
  /** Stable tie-breaker: the quartier's slug, the commune's INSEE code. */
  key: string;
  boundary: AreaGeometry;
}

export function pickContaining<A extends LocatableArea>(
  candidates: readonly A[],
  lat: number,
  lon: number,
): A | null {
  const containing = candidates.filter((area) => containsPoint(area.boundary, lat, lon));
  containing.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return containing[0] ?? null;
}
