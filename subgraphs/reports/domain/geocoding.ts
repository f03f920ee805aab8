// Which point an address stands for, among the address base's candidates: the best one, when it is good enough
// (score at least the configured minimum) and not ambiguous (no other good candidate almost as good and somewhere
// else — "rue de l'Église" without its commune exists in most villages). Whether the point is in the territory is
// decided afterwards, like any point.
import type { AddressCandidate } from "../ports/geocoder.ts";
import { distanceMeters } from "./geo.ts";

/** Candidates scoring within this of the best one compete with it. */
export const AMBIGUITY_MARGIN = 0.05;
/** Candidates closer than this to the best one are the same place (two entrances, a street and its number). */
export const SAME_PLACE_METERS = 150;

export type GeocodingOutcome =
  | { kind: "located"; lat: number; lon: number; label: string }
  | { kind: "not_found" }
  | { kind: "ambiguous"; candidates: string[] };

export function chooseCandidate(candidates: readonly AddressCandidate[], minScore: number): GeocodingOutcome {
  const good = [...candidates]
    .filter((candidate) => candidate.score >= minScore)
    .sort((a, b) => b.score - a.score);
  const [best] = good;
  if (!best) return { kind: "not_found" };
  const rivals = good.filter(
    (candidate) =>
      candidate !== best &&
      best.score - candidate.score <= AMBIGUITY_MARGIN &&
      distanceMeters(best, candidate) > SAME_PLACE_METERS,
  );
  if (rivals.length > 0)
    return { kind: "ambiguous", candidates: [best, ...rivals].map((candidate) => candidate.label) };
  return { kind: "located", lat: best.lat, lon: best.lon, label: best.label };
}
