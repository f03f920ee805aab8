// What every resolver file of the directory shares: the context type, argument checks, the mapping of domain
// refusals to GraphQL errors and problem types, and the enum mappings (GraphQL UPPER_CASE ↔ stored lower_case).
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput, forbidden } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { InvalidField } from "../domain/contributions.ts";
import { InvalidInput } from "../domain/invalidInput.ts";
import { MAP_LAYERS } from "../domain/mapFeatures.ts";
import type { DirectoryLoaders } from "../loaders.ts";

export type Ctx = SubgraphContext<DirectoryLoaders>;

export function requireUuid(value: unknown, argument: string): string {
  if (typeof value !== "string" || !isUuid(value)) throw badUserInput("Identifiant invalide.", { argument });
  return value;
}

export function optionalUuid(value: unknown, argument: string): string | undefined {
  return value === null || value === undefined ? undefined : requireUuid(value, argument);
}

/** Runs a domain check; its InvalidInput becomes BAD_USER_INPUT naming the argument. */
export function checked<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidInput) throw badUserInput(error.message, { argument: error.argument });
    throw error;
  }
}

/** The InvalidDirectoryValue problem of a refused field, or the error rethrown. */
export function invalidValue(error: unknown) {
  if (error instanceof InvalidField) {
    return { __typename: "InvalidDirectoryValue", message: error.message, field: error.field };
  }
  throw error;
}

export const notFound = (message: string) => ({ __typename: "DirectoryItemNotFound", message });
export const personRequired = () => ({
  __typename: "PersonAccountRequired",
  message: "Seul un compte de personne (habitant ou agent) peut faire cela.",
});
export const notRepresentative = () => ({
  __typename: "NotARepresentative",
  message: "Seul un représentant reconnu de l'organisation, ou un agent, peut faire cela.",
});

/** A Date scalar value (graphql-scalars gives a Date at UTC midnight) as yyyy-mm-dd. */
export const dayOf = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined
    ? null
    : typeof value === "string"
      ? value.slice(0, 10)
      : value.toISOString().slice(0, 10);

export const isPerson = (ctx: Ctx) =>
  ctx.caller.accountId !== null && (ctx.caller.kind === "citizen" || ctx.caller.kind === "staff");

export const isStaff = (ctx: Ctx) => ctx.caller.kind === "staff";

/** Staff, or a partner service holding the directory:write scope. */
export const isDirectoryWriter = (ctx: Ctx) =>
  ctx.caller.kind === "staff" ||
  (ctx.caller.kind === "partner" && ctx.caller.scopes.includes("directory:write"));

/** Who a change is attributed to in the organisation's history. */
export function authorOf(ctx: Ctx) {
  return ctx.caller.kind === "partner"
    ? { origin: "partner_edit" as const, editedByAccountId: null, editedByClient: ctx.caller.partnerClientId }
    : { origin: "staff_edit" as const, editedByAccountId: ctx.caller.accountId, editedByClient: null };
}

const upperMap = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<Uppercase<T>, T>;

export const ENUMS = {
  OrganizationKind: upperMap([
    "association",
    "institution",
    "local_democracy_body",
    "partner_service",
  ] as const),
  RelationType: upperMap(["member_of", "partner_of", "attached_to", "funded_by", "convened_by"] as const),
  RelationDirection: upperMap(["outgoing", "incoming", "both"] as const),
  PlaceKind: upperMap(["equipment", "meeting_place", "third_place", "park", "other"] as const),
  InitiativeStatus: upperMap(["published", "cancelled"] as const),
  EventRole: upperMap(["organizer", "partner"] as const),
  MapLayer: upperMap(MAP_LAYERS),
  DirectorySyncStatus: upperMap(["running", "succeeded", "partial", "failed"] as const),
  ClaimStatus: upperMap(["pending", "approved", "rejected", "revoked"] as const),
  ProposalStatus: upperMap(["pending", "applied", "rejected"] as const),
  ContributionDecision: upperMap(["approve", "reject"] as const),
};

/** For linkEventToOrganization and createInitiative: staff, a writing partner, or a representative. */
export async function mayActFor(organizationId: string, ctx: Ctx): Promise<boolean> {
  if (isStaff(ctx)) return true;
  if (ctx.caller.kind === "partner") {
    if (!ctx.caller.scopes.includes("directory:write")) throw forbidden();
    return true;
  }
  return ctx.loaders.viewerRepresents.load(organizationId);
}
