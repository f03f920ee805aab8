// What the platform's own parts need to know of the subgraphs, without loading them: schema/capabilities.json,
// written by `npm run compose` beside schema/supergraph.graphql from the subgraphs' SDL (schema/capabilities.ts).
// The gateway (response-cache hints, the retention job, the erasure fan-out) and the notifications subgraph (which
// outboxes to relay, which event types partners may subscribe to) read this file, never another subgraph's code.
import { readFileSync } from "node:fs";
import type { DocumentNode } from "graphql";
import type { SubgraphName } from "./config.ts";
import type { PartnerEventCatalog } from "./partnerEvents.ts";

export const CAPABILITIES_PATH = new URL("../schema/capabilities.json", import.meta.url);

/** A `@cacheControl` hint as written in the file (gateway/responseCache/policy.ts reads it). */
export interface CacheHintJson {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
  inheritMaxAge?: boolean;
}

export interface Capabilities {
  /** Every subgraph, in the registry's order. */
  subgraphs: SubgraphName[];
  /** Subgraphs holding personal data: they implement `_eraseAccountData` (the erasure convention). */
  personalData: SubgraphName[];
  /** Subgraphs that contribute to a person's export: they define `PersonalDataExport` (the export convention). */
  export: SubgraphName[];
  /** Subgraphs with retention rules: they implement `_applyRetention` (the retention convention). */
  retention: SubgraphName[];
  /** Subgraphs that emit domain events: they expose the outbox port `_claimEvents` (platform/outboxResolvers.ts). */
  outbox: SubgraphName[];
  /** The event types partners may subscribe to, with their projection, as the emitting subgraphs' manifests say. */
  partnerEvents: PartnerEventCatalog;
  /** The `@cacheControl` hints of every subgraph's SDL (composition drops custom directives from the supergraph). */
  cacheHints: { types: Record<string, CacheHintJson>; fields: Record<string, CacheHintJson> };
}

/** Does this SDL define (or extend) Mutation with the field `name`? The conventions are read this way. */
export function definesMutation(typeDefs: DocumentNode, name: string): boolean {
  return typeDefs.definitions.some(
    (definition) =>
      (definition.kind === "ObjectTypeDefinition" || definition.kind === "ObjectTypeExtension") &&
      definition.name.value === "Mutation" &&
      definition.fields?.some((field) => field.name.value === name) === true,
  );
}

/** Does this SDL define (or extend) the type `name`? */
export function definesType(typeDefs: DocumentNode, name: string): boolean {
  return typeDefs.definitions.some(
    (definition) =>
      (definition.kind === "ObjectTypeDefinition" || definition.kind === "ObjectTypeExtension") &&
      definition.name.value === name,
  );
}

let loaded: Capabilities | undefined;

/** The committed capabilities (read once per process). */
export function loadCapabilities(): Capabilities {
  loaded ??= JSON.parse(readFileSync(CAPABILITIES_PATH, "utf8")) as Capabilities;
  return loaded;
}
