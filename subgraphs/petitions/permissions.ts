// Petitions permissions (anything not listed is denied). Public petitions are readable by anyone, partners only
// with the `petitions:read` scope; drafts and petitions in moderation are filtered by the resolvers (authors,
// invited co-authors, staff). Staff-only fields are refused to others with FORBIDDEN; a person's own lists are
// refused to anyone else, staff included. __resolveReference is not wrapped by shield: Petition's checks
// visibility itself, Account's returns only the id, which these field rules then gate.
import type { IRules } from "graphql-shield";
import type { SubgraphContext } from "../../platform/context.ts";
import { forbidden, unauthenticated } from "../../platform/errors.ts";
import {
  allow,
  hasRole,
  isAuthenticated,
  isStaff,
  isStaffCaller,
  isSystem,
  or,
  rule,
} from "../../platform/permissions.ts";
import type { PetitionRecord } from "./domain/model.ts";

type Ctx = SubgraphContext;

/** Public reading: everyone but partners without `petitions:read`. */
export const canRead = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind !== "partner") return true;
  return ctx.caller.scopes.includes("petitions:read") ? true : forbidden();
});

/** A person (resident or staff member) acting for themselves: not anonymous, not a partner service. */
export const isPerson = rule({ cache: "contextual" })((_parent, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return (ctx.caller.kind === "citizen" || ctx.caller.kind === "staff") && ctx.caller.accountId
    ? true
    : forbidden("Seul un compte personnel peut faire cela.");
});

const isSelf = rule({ cache: "no_cache" })((account: { id: string }, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return account.id === ctx.caller.accountId ? true : forbidden();
});

const isAuthorOrStaff = rule({ cache: "no_cache" })((petition: PetitionRecord, _args, ctx: Ctx) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return isStaffCaller(ctx.caller) || petition.authorAccountId === ctx.caller.accountId ? true : forbidden();
});

const isModerator = hasRole("moderator");
const readsAudit = or(hasRole("dpo"), hasRole("admin"));

export const permissions: IRules = {
  Query: {
    petitions: canRead,
    petition: canRead,
    petitionRules: canRead,
    petitionModerationQueue: isModerator,
    petitionExportAudits: readsAudit,
  },
  Mutation: {
    createPetition: isPerson,
    updatePetition: isPerson,
    submitPetition: isPerson,
    acceptPetitionCoAuthorship: isPerson,
    withdrawPetition: isPerson,
    signPetition: isPerson,
    withdrawSignature: isPerson,
    startPetitionModeration: isModerator,
    publishPetition: isModerator,
    rejectPetition: isModerator,
    recordPaperSignatures: isStaff,
    respondToPetition: isStaff,
    exportPetitionSignatures: isStaff,
    _closeExpiredPetitions: isSystem,
    _eraseAccountData: isSystem,
  },
  Petition: {
    "*": canRead,
    invitedCoAuthors: isAuthorOrStaff,
    moderator: isStaff,
    moderationStartedAt: isStaff,
  },
  PetitionResponse: { "*": canRead, responder: isStaff },
  PaperSignatureBatch: { "*": canRead, enteredBy: isStaff },
  Account: {
    id: allow,
    authoredPetitionCount: canRead,
    signedPetitionCount: isSelf,
    signedPetitions: isSelf,
  },
  Quartier: allow,
  PetitionMilestone: canRead,
  PetitionNextMilestone: canRead,
  PublicSigner: canRead,
  PublicSignerConnection: canRead,
  PublicSignerEdge: canRead,
  PetitionEligibility: canRead,
  PetitionRules: canRead,
  PetitionConnection: canRead,
  PetitionEdge: canRead,
  PageInfo: allow,
  // Only the person's own export resolves (see its __resolveReference); its field needs a signed-in caller.
  PersonalDataExport: isAuthenticated,
  Ledger: canRead,
  SignedTreeHead: canRead,
  LedgerEntry: canRead,
  InclusionProof: canRead,
  ConsistencyProof: canRead,
  // Only ever returned to its signer (mySignature, signing results).
  Signature: allow,
  SignatureExport: isStaff,
  ExportedSignature: isStaff,
  PetitionExportAudit: readsAudit,
  PetitionExportAuditConnection: readsAudit,
  PetitionExportAuditEdge: readsAudit,
  PetitionCreated: allow,
  PetitionUpdated: allow,
  PetitionSubmitted: allow,
  CoAuthorshipAccepted: allow,
  PetitionModerationStarted: allow,
  PetitionPublished: allow,
  PetitionRejected: allow,
  PetitionSigned: allow,
  SignatureWithdrawn: allow,
  PaperSignaturesRecorded: allow,
  PetitionAnswered: allow,
  PetitionWithdrawn: allow,
  InvalidPetitionText: allow,
  PetitionNotEligible: allow,
  PetitionNotFound: allow,
  NotPetitionAuthor: allow,
  PetitionStateConflict: allow,
  PetitionUnknownQuartier: allow,
  CommitteeSizeProblem: allow,
  PetitionNotOpen: allow,
  AlreadySigned: allow,
  SignatureNotFound: allow,
  PetitionIdempotencyKeyReused: allow,
  NotInvited: allow,
  InvalidPaperBatch: allow,
  AccountErasure: isSystem,
};
