// Directory resolvers: thin — validate input, call a store or a domain rule through loaders, map to the schema.
import { DateScalar, DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import { contributionResolvers } from "./contributions.ts";
import { geographyResolvers } from "./geography.ts";
import { initiativeResolvers } from "./initiatives.ts";
import { mapResolvers } from "./map.ts";
import { organizationResolvers } from "./organizations.ts";
import { placeResolvers } from "./places.ts";
import { ENUMS } from "./shared.ts";
import { syncResolvers } from "./sync.ts";

const parts = [
  geographyResolvers,
  organizationResolvers,
  placeResolvers,
  initiativeResolvers,
  mapResolvers,
  syncResolvers,
  contributionResolvers,
] as Record<string, Record<string, unknown>>[];

/** Merges the resolver maps type by type (each file contributes fields to Query, Mutation…). */
function merge(maps: Record<string, Record<string, unknown>>[]) {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...(merged[type] ?? {}), ...fields };
  }
  return merged;
}

export const resolvers = {
  ...merge(parts),
  DateTime: DateTimeScalar,
  Date: DateScalar,
  JSON: JSONScalar,
  ...ENUMS,
};
