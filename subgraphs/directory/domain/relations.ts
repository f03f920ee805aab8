// The graph of relations between organisations. Relations are typed and dated edges (from → to, read "from is a
// member of to"). Exploring the neighbourhood of an organisation is a bounded breadth-first walk done by the
// database (a recursive CTE, see adapters/prismaOrganizationStore.ts): this module holds the rules around it.
import { InvalidInput } from "./invalidInput.ts";

export const RELATION_TYPES = ["member_of", "partner_of", "attached_to", "funded_by", "convened_by"] as const;
export type RelationType = (typeof RELATION_TYPES)[number];
export type Direction = "outgoing" | "incoming" | "both";

export interface RelationRecord {
  id: string;
  fromId: string;
  toId: string;
  type: RelationType;
  /** yyyy-mm-dd or null. */
  validFrom: string | null;
  validUntil: string | null;
  note: string | null;
}

export interface WalkOptions {
  depth: number;
  direction: Direction;
  types: RelationType[] | null;
  /** Only relations valid that day (yyyy-mm-dd); null to follow every relation. */
  at: string | null;
  /** At most this many organisations reached (the walk stops adding beyond it). */
  maxNodes: number;
}

export interface RelationGraphResult {
  depth: number;
  nodes: { organizationId: string; distance: number }[];
  edges: RelationRecord[];
  truncated: boolean;
}

export function checkDepth(depth: number, maxDepth: number): number {
  if (!Number.isInteger(depth) || depth < 1 || depth > maxDepth) {
    throw new InvalidInput(
      "depth",
      `La profondeur doit être comprise entre 1 et ${maxDepth} (ici ${depth}).`,
    );
  }
  return depth;
}

/** A relation is active on a day when the day falls within [validFrom, validUntil] (open ends included). */
export function isActiveOn(relation: Pick<RelationRecord, "validFrom" | "validUntil">, day: string): boolean {
  return (
    (relation.validFrom === null || relation.validFrom <= day) &&
    (relation.validUntil === null || day <= relation.validUntil)
  );
}

/** Today's date in Strasbourg (yyyy-mm-dd): relations are dated in local days. */
export function todayInStrasbourg(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(now);
}
