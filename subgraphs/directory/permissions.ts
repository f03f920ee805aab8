// Directory permissions: communes and quartiers are public reference data.
// __resolveReference is not wrapped by shield: these entities are public, so it needs no check of its own.
import type { IRules } from "graphql-shield";
import { allow } from "../kit/permissions.ts";

export const permissions: IRules = {
  Query: { quartiers: allow, quartier: allow, communes: allow },
  Quartier: allow,
  Commune: allow,
  GeoPoint: allow,
  QuartierConnection: allow,
  QuartierEdge: allow,
  CommuneConnection: allow,
  CommuneEdge: allow,
  PageInfo: allow,
};
