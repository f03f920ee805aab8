// Directory permissions. Anything not listed is denied (fallbackRule: deny).
// - The directory itself (geography, organisations and relations, places, initiatives, events, the map, freshness)
//   is public reference data.
// - Partner writes need the `directory:write` scope; staff may write too. Contributions need a signed-in person;
//   their review is for staff. History, representatives and synchronisation details are staff-only.
// - Claims and proposals name a person (pseudonymous account): visible to that person and to staff only.
// __resolveReference is not wrapped by shield: the entities it returns (Quartier, Commune, Organization, Place,
// Initiative, Event) are public, and their restricted fields are gated below.
import type { IRules } from "graphql-shield";
import type { SubgraphContext } from "../../platform/context.ts";
import { forbidden, unauthenticated } from "../../platform/errors.ts";
import {
  allow,
  isAuthenticated,
  isStaff,
  isStaffCaller,
  isSystem,
  rule,
} from "../../platform/permissions.ts";

type Ctx = SubgraphContext;

/** Staff, or a partner service holding `directory:write`. */
const isDirectoryWriter = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  if (isStaffCaller(ctx.caller)) return true;
  return ctx.caller.kind === "partner" && ctx.caller.scopes.includes("directory:write") ? true : forbidden();
});

/** Staff, or the platform's own jobs (the synchronisation report). */
const isStaffOrSystem = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "system" || isStaffCaller(ctx.caller)) return true;
  return ctx.caller.kind === "anonymous" ? unauthenticated() : forbidden();
});

/** The person a claim or proposal is about, or staff (the rule reads the parent: never cached across objects). */
const isAuthorOrStaff = (field: "accountId" | "proposedByAccountId") =>
  rule(`isAuthorOrStaff:${field}`, { cache: "no_cache" })(
    (parent: Record<string, unknown>, _args, ctx: Ctx) => {
      if (ctx.caller.kind === "anonymous") return unauthenticated();
      if (isStaffCaller(ctx.caller)) return true;
      return ctx.caller.accountId !== null && parent[field] === ctx.caller.accountId ? true : forbidden();
    },
  );

export const permissions: IRules = {
  Query: {
    quartiers: allow,
    quartier: allow,
    communes: allow,
    quartierAt: allow,
    communeAt: allow,
    organizations: allow,
    organization: allow,
    organizationBySlug: allow,
    places: allow,
    place: allow,
    initiatives: allow,
    initiative: allow,
    events: allow,
    event: allow,
    mapFeatures: allow,
    directoryFreshness: allow,
    directorySyncRuns: isStaff,
    pendingOrganizationClaims: isStaff,
    pendingOrganizationEdits: isStaff,
    myOrganizationClaims: isAuthenticated,
  },
  Mutation: {
    claimOrganization: isAuthenticated,
    reviewOrganizationClaim: isStaff,
    proposeOrganizationEdit: isAuthenticated,
    reviewOrganizationEdit: isStaff,
    createOrganization: isDirectoryWriter,
    updateOrganization: isDirectoryWriter,
    addOrganizationRelation: isDirectoryWriter,
    endOrganizationRelation: isDirectoryWriter,
    // Representatives may link their organisation's events: the resolver checks who the caller represents.
    linkEventToOrganization: isAuthenticated,
    createInitiative: isAuthenticated,
    cancelInitiative: isAuthenticated,
    volunteerForInitiative: isAuthenticated,
    withdrawVolunteering: isAuthenticated,
    _syncDirectory: isSystem,
    _eraseAccountData: isSystem,
  },
  Commune: allow,
  Quartier: allow,
  GeoPoint: allow,
  SourceProvenance: allow,
  Organization: {
    "*": allow,
    history: isStaff,
    representatives: isStaff,
  },
  OrganizationRelation: allow,
  RelationGraph: allow,
  RelationGraphNode: allow,
  OrganizationRevision: isStaff,
  OrganizationConnection: allow,
  OrganizationEdge: allow,
  Place: allow,
  OpeningInformation: allow,
  OpeningPeriod: allow,
  OpeningSchedule: allow,
  OpeningException: allow,
  Accessibility: allow,
  PlaceConnection: allow,
  PlaceEdge: allow,
  Initiative: allow,
  CallForVolunteers: allow,
  InitiativeConnection: allow,
  InitiativeEdge: allow,
  Event: allow,
  EventPeriod: allow,
  AgendaCategory: allow,
  EventLink: allow,
  EventConnection: allow,
  EventEdge: allow,
  MapFeatures: allow,
  MapLayerSummary: allow,
  SourceFreshness: allow,
  DirectorySyncRun: isStaffOrSystem,
  DirectorySyncReport: isSystem,
  OrganizationClaim: isAuthorOrStaff("accountId"),
  OrganizationEditProposal: isAuthorOrStaff("proposedByAccountId"),
  AccountErasure: isSystem,
  // Resolved only for the caller's own account (checked in __resolveReference).
  PersonalDataExport: isAuthenticated,
  Account: allow,
  PageInfo: allow,
  QuartierConnection: allow,
  QuartierEdge: allow,
  CommuneConnection: allow,
  CommuneEdge: allow,
  // Outcomes of mutations: reachable only through mutations the rules above already gate.
  DirectoryItemNotFound: allow,
  PersonAccountRequired: allow,
  AlreadyClaimed: allow,
  NotARepresentative: allow,
  ContributionAlreadyDecided: allow,
  OrganizationUnchanged: allow,
  OrganizationEditConflict: allow,
  InvalidDirectoryValue: allow,
  RelationAlreadyExists: allow,
  VolunteeringClosed: allow,
  ClaimSubmitted: allow,
  ClaimReviewed: allow,
  EditProposed: allow,
  EditReviewed: allow,
  OrganizationSaved: allow,
  RelationSaved: allow,
  EventLinked: allow,
  InitiativeSaved: allow,
  VolunteeringSaved: allow,
};
