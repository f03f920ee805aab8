// Every subgraph of Parvis, by its manifest (platform/manifest.ts): adding one is its folder, its Prisma file and
// one entry here (with its import). Only the composition root (app/) and its tools (compose, seed) read this list:
// the gateway and the worker read what `npm run compose` writes from it (schema/capabilities.json).

import { loadCapabilities } from "../platform/capabilities.ts";
import type { SubgraphName } from "../platform/config.ts";
import type { SubgraphManifest } from "../platform/manifest.ts";
import type { AnySubgraphModule } from "../platform/subgraphServer.ts";
import { manifest as budget } from "./budget/manifest.ts";
import { manifest as comments } from "./comments/manifest.ts";
import { manifest as directory } from "./directory/manifest.ts";
import { manifest as identity } from "./identity/manifest.ts";
import { manifest as notifications } from "./notifications/manifest.ts";
import { manifest as opendata } from "./opendata/manifest.ts";
import { manifest as participation } from "./participation/manifest.ts";
import { manifest as petitions } from "./petitions/manifest.ts";
import { manifest as reports } from "./reports/manifest.ts";
import { manifest as staff } from "./staff/manifest.ts";

/** In this order: composition, seeds (a seed may ask the subgraphs before it), jobs and routes. */
export const MANIFESTS: readonly SubgraphManifest[] = [
  identity,
  directory,
  petitions,
  budget,
  reports,
  staff,
  notifications,
  comments,
  opendata,
  participation,
];

export function manifestByName(name: string): SubgraphManifest | undefined {
  return MANIFESTS.find((manifest) => manifest.name === (name as SubgraphName));
}

/** Their GraphQL modules (schema, resolvers, permissions, services), loaded: for the processes that run them. */
export function loadSubgraphModules(): Promise<AnySubgraphModule[]> {
  return Promise.all(MANIFESTS.map((manifest) => manifest.load()));
}

// What the conventions of their schemas say, as `npm run compose` read it (schema/capabilities.json, kept fresh by
// schema/compose.test.ts): reading it costs no module load.

/** Subgraphs that hold personal data: they implement the `_eraseAccountData` mutation of the erasure convention. */
export function subgraphsHoldingPersonalData(): SubgraphName[] {
  return loadCapabilities().personalData;
}

/** Subgraphs with retention rules: they implement the `_applyRetention` mutation of the retention convention. */
export function subgraphsWithRetention(): SubgraphName[] {
  return loadCapabilities().retention;
}

/** Subgraphs that emit domain events: they expose the outbox port (`_claimEvents`, platform/outboxResolvers.ts). */
export function subgraphsWithOutbox(): SubgraphName[] {
  return loadCapabilities().outbox;
}
