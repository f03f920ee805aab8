// Identity permissions. An account's roles, verification level and quartier are visible to the person and
// to staff only; its MonStrasbourg.eu profile (name, e-mail) to the person and the data-protection officer only:
// no agent, moderator or administrator needs a person's name and e-mail to do their work — those who answer a
// reporter read the contact the reporter left on the report (`Report.reporterContact`, its own rule). These rules
// read the parent object, so they are never cached across objects ("no_cache").
// __resolveReference is not wrapped by shield: it returns only what the field rules below then gate, so an
// account reached through another subgraph (`Report.reporter`, `BudgetProject.author`, …) is gated the same way.
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
import type { AccountRecord } from "./ports/accountStore.ts";

const isSelfOrStaff = rule({ cache: "no_cache" })((account: AccountRecord, _args, ctx: SubgraphContext) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return account.id === ctx.caller.accountId || isStaffCaller(ctx.caller) ? true : forbidden();
});

/** The person's own profile, or the DPO (who answers data-subject requests); FORBIDDEN to everyone else. */
const isSelfOrDpo = rule({ cache: "no_cache" })((account: AccountRecord, _args, ctx: SubgraphContext) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  if (account.id === ctx.caller.accountId) return true;
  return ctx.caller.kind === "staff" && ctx.caller.roles.includes("dpo") ? true : forbidden();
});

export const permissions: IRules = {
  Query: { me: allow, account: isStaff, _staffServiceOf: isSystem },
  Mutation: {
    chooseHomeQuartier: isAuthenticated,
    exportMyData: isAuthenticated,
    eraseMyAccount: isAuthenticated,
    _eraseAccountData: isSystem,
    _syncDeletedAccounts: isSystem,
    _applyRetention: isSystem,
    _notifyAccount: isSystem,
  },
  RetentionReport: isSystem,
  PersonalDataExport: isAuthenticated,
  AccountErased: allow,
  ErasureSummary: allow,
  ErasureIncomplete: allow,
  ErasureNotConfirmed: allow,
  DeletedAccountsSync: isSystem,
  Account: {
    id: allow,
    displayName: allow,
    roles: isSelfOrStaff,
    verificationLevel: isSelfOrStaff,
    homeQuartier: isSelfOrStaff,
    profile: isSelfOrDpo,
  },
  AccountProfile: allow,
  AccountErasure: isSystem,
  Quartier: allow,
  HomeQuartierChosen: allow,
  NotAPersonAccount: allow,
};
