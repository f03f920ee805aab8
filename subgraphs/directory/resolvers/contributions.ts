// Contributions: a person claims to represent an organisation, staff decide; a representative proposes edits,
// staff apply or refuse them; every applied change is a new version in the organisation's history.
import { badUserInput } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import {
  checkNote,
  conflictingFields,
  effectiveChanges,
  InvalidField,
  normalizeChanges,
} from "../domain/contributions.ts";
import type { ClaimRecord, ProposalRecord } from "../ports/contributionStore.ts";
import type { EditableField, OrganizationChanges } from "../ports/organizationStore.ts";
import {
  type Ctx,
  invalidValue,
  isPerson,
  notFound,
  notRepresentative,
  personRequired,
  requireUuid,
} from "./shared.ts";

const LIST_MAX = 100;
const limitOf = (limit: number | null | undefined) => {
  const value = limit ?? 20;
  if (!Number.isInteger(value) || value < 1 || value > LIST_MAX) {
    throw badUserInput(`\`limit\` doit être compris entre 1 et ${LIST_MAX}.`, { argument: "limit" });
  }
  return value;
};

const alreadyDecided = () => ({
  __typename: "ContributionAlreadyDecided",
  message: "Cette demande a déjà été traitée.",
});

export const contributionResolvers = {
  Query: {
    pendingOrganizationClaims: (_: unknown, args: { limit?: number | null }, ctx: Ctx) =>
      ctx.loaders.contributions.pendingClaims(limitOf(args.limit)),
    pendingOrganizationEdits: (_: unknown, args: { limit?: number | null }, ctx: Ctx) =>
      ctx.loaders.contributions.pendingProposals(limitOf(args.limit)),
    myOrganizationClaims: (_: unknown, __: unknown, ctx: Ctx) =>
      ctx.caller.accountId ? ctx.loaders.contributions.claimsOf(ctx.caller.accountId) : [],
  },
  PersonalDataExport: {
    // Only the person's own export: the key is checked against the caller, never trusted.
    __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
      ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
    directory: (ref: { accountId: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.erasure.exportAccount(ref.accountId),
  },
  OrganizationClaim: {
    organization: (claim: ClaimRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.organization.load(claim.organizationId),
    claimant: (claim: ClaimRecord) => (claim.accountId ? { id: claim.accountId } : null),
  },
  OrganizationEditProposal: {
    organization: (proposal: ProposalRecord, _: unknown, ctx: Ctx) =>
      ctx.loaders.organization.load(proposal.organizationId),
    proposedBy: (proposal: ProposalRecord) =>
      proposal.proposedByAccountId ? { id: proposal.proposedByAccountId } : null,
  },
  Mutation: {
    async claimOrganization(_: unknown, args: { organizationId: string; message?: string | null }, ctx: Ctx) {
      if (!isPerson(ctx) || !ctx.caller.accountId) return personRequired();
      const organizationId = requireUuid(args.organizationId, "organizationId");
      if (!(await ctx.loaders.organization.load(organizationId)))
        return notFound("Organisation introuvable.");
      const message = args.message?.trim() || null;
      if (message && message.length > 500) {
        return invalidValue(new InvalidField("message", "Le message ne peut dépasser 500 caractères."));
      }
      const open = await ctx.loaders.contributions.openClaim(organizationId, ctx.caller.accountId);
      if (open) {
        return {
          __typename: "AlreadyClaimed",
          message:
            open.status === "approved"
              ? "Vous représentez déjà cette organisation."
              : "Votre demande pour cette organisation est déjà en attente.",
        };
      }
      const claim = await ctx.loaders.contributions.createClaim({
        id: newId(),
        organizationId,
        accountId: ctx.caller.accountId,
        message,
      });
      return { __typename: "ClaimSubmitted", claim };
    },
    async reviewOrganizationClaim(
      _: unknown,
      args: { claimId: string; decision: "approve" | "reject"; note?: string | null },
      ctx: Ctx,
    ) {
      const claimId = requireUuid(args.claimId, "claimId");
      let note: string | null;
      try {
        note = checkNote(args.note);
      } catch (error) {
        throw badUserInput((error as Error).message, { argument: "note" });
      }
      const claim = await ctx.loaders.claim.load(claimId);
      if (!claim) return notFound("Demande introuvable.");
      if (claim.status !== "pending") return alreadyDecided();
      const decided = await ctx.loaders.contributions.decideClaim(
        claimId,
        args.decision === "approve" ? "approved" : "rejected",
        { decidedByAccountId: ctx.caller.accountId, note, at: new Date() },
      );
      return decided ? { __typename: "ClaimReviewed", claim: decided } : alreadyDecided();
    },
    async proposeOrganizationEdit(
      _: unknown,
      args: { organizationId: string; changes: Partial<Record<EditableField, string | null>> },
      ctx: Ctx,
    ) {
      if (!isPerson(ctx) || !ctx.caller.accountId) return personRequired();
      const organizationId = requireUuid(args.organizationId, "organizationId");
      const organization = await ctx.loaders.organization.load(organizationId);
      if (!organization) return notFound("Organisation introuvable.");
      if (!(await ctx.loaders.viewerRepresents.load(organizationId))) return notRepresentative();
      let changes: OrganizationChanges;
      try {
        changes = effectiveChanges(organization, normalizeChanges(args.changes));
      } catch (error) {
        return invalidValue(error);
      }
      if (Object.keys(changes).length === 0) {
        return { __typename: "OrganizationUnchanged", message: "Ces valeurs sont déjà celles de la fiche." };
      }
      const proposal = await ctx.loaders.contributions.createProposal({
        id: newId(),
        organizationId,
        proposedByAccountId: ctx.caller.accountId,
        changes,
        baseVersion: organization.version,
      });
      return { __typename: "EditProposed", proposal };
    },
    async reviewOrganizationEdit(
      _: unknown,
      args: { proposalId: string; decision: "approve" | "reject"; note?: string | null },
      ctx: Ctx,
    ) {
      const proposalId = requireUuid(args.proposalId, "proposalId");
      let note: string | null;
      try {
        note = checkNote(args.note);
      } catch (error) {
        return invalidValue(error);
      }
      const proposal = await ctx.loaders.proposal.load(proposalId);
      if (!proposal) return notFound("Proposition introuvable.");
      if (proposal.status !== "pending") return alreadyDecided();
      const decision = { decidedByAccountId: ctx.caller.accountId, note, at: new Date() };
      if (args.decision === "reject") {
        const rejected = await ctx.loaders.contributions.rejectProposal(proposalId, decision);
        if (!rejected) return alreadyDecided();
        const organization = await ctx.loaders.organization.load(proposal.organizationId);
        return { __typename: "EditReviewed", proposal: rejected, organization };
      }
      const organization = await ctx.loaders.organization.load(proposal.organizationId);
      if (!organization) return notFound("Organisation introuvable.");
      // Someone changed the same fields since the proposal was written: applying would silently undo their edit.
      const later = await ctx.loaders.organizations.revisionsSince(organization.id, proposal.baseVersion);
      const conflicts = conflictingFields(proposal.changes, later);
      if (conflicts.length > 0) {
        return {
          __typename: "OrganizationEditConflict",
          message: "La fiche a été modifiée depuis la proposition, sur les mêmes champs.",
          fields: conflicts,
          currentVersion: organization.version,
        };
      }
      const changes = effectiveChanges(organization, proposal.changes);
      const result = await ctx.loaders.contributions.applyProposal(
        proposal,
        changes,
        organization.version,
        decision,
      );
      if (result.kind === "already_decided") return alreadyDecided();
      if (result.kind === "not_found") return notFound("Organisation introuvable.");
      if (result.kind === "version_changed") {
        return {
          __typename: "OrganizationEditConflict",
          message: "La fiche vient d'être modifiée : relisez-la et décidez à nouveau.",
          fields: [],
          currentVersion: result.currentVersion,
        };
      }
      const [applied] = await ctx.loaders.contributions.proposalsByIds([proposalId]);
      return { __typename: "EditReviewed", proposal: applied, organization: result.organization };
    },
    async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
      const accountId = requireUuid(args.accountId, "accountId");
      const counts = await ctx.loaders.erasure.eraseAccount(accountId);
      return { subgraph: "directory", ...counts };
    },
  },
};
