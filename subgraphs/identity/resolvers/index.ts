// Identity resolvers: thin — validate input, call a domain command or a loader, map the result.

import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { toGraphQLError } from "../../../platform/resilience/upstream.ts";
import { DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import { publicDisplayName } from "../domain/publicDisplayName.ts";
import type { IdentityLoaders } from "../loaders.ts";
import type { AccountRecord } from "../ports/accountStore.ts";
import { currentAccount } from "./currentAccount.ts";
import { notifyAccount } from "./notifyAccount.ts";
import { personalDataExport, personalDataMutations } from "./personalData.ts";

type Ctx = SubgraphContext<IdentityLoaders>;

const PUBLIC_ROLES = ["citizen", "staff", "moderator", "dpo", "admin"] as const;

/** The person's profile from MonStrasbourg.eu; an outage becomes UPSTREAM_UNAVAILABLE on this field only. */
async function profileOf(account: AccountRecord, ctx: Ctx) {
  try {
    return await ctx.loaders.profile.load(account.id);
  } catch (error) {
    throw toGraphQLError(error);
  }
}

function requireAccountId(value: string): string {
  if (!isUuid(value)) throw badUserInput("Identifiant de compte invalide.", { argument: "id" });
  return value;
}

export const resolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: Ctx) => currentAccount(ctx),
    account: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.account.load(requireAccountId(args.id)),
    async _staffServiceOf(_: unknown, args: { accountId: string }, ctx: Ctx) {
      const account = await ctx.loaders.account.load(requireAccountId(args.accountId));
      return account?.staffService ?? null;
    },
  },
  Mutation: {
    async chooseHomeQuartier(_: unknown, args: { quartierId?: string | null }, ctx: Ctx) {
      const quartierId = args.quartierId ?? null;
      if (quartierId !== null && !isUuid(quartierId)) {
        throw badUserInput("Identifiant de quartier invalide.", { argument: "quartierId" });
      }
      const account = await currentAccount(ctx);
      if (!account) {
        return {
          __typename: "NotAPersonAccount",
          message: "Seul un compte personnel peut choisir un quartier.",
        };
      }
      const updated = await ctx.loaders.store.setHomeQuartier(account.id, quartierId);
      return { __typename: "HomeQuartierChosen", account: updated };
    },
    ...personalDataMutations,
    _notifyAccount: notifyAccount,
  },
  Account: {
    // Authorization of the fields is shield's (permissions.ts); the reference itself reveals only that the id exists.
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.account.load(ref.id),
    roles: (account: AccountRecord) =>
      account.roles.filter((role): role is (typeof PUBLIC_ROLES)[number] =>
        (PUBLIC_ROLES as readonly string[]).includes(role),
      ),
    homeQuartier: (account: AccountRecord) =>
      account.homeQuartierId ? { id: account.homeQuartierId } : null,
    displayName: async (account: AccountRecord, _: unknown, ctx: Ctx) => {
      const profile = await profileOf(account, ctx);
      return profile ? publicDisplayName(profile) : null;
    },
    profile: (account: AccountRecord, _: unknown, ctx: Ctx) => profileOf(account, ctx),
  },
  PersonalDataExport: personalDataExport,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Quartier: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    participantCount: (quartier: { id: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.participantCount.load(quartier.id),
  },
  Role: { CITIZEN: "citizen", STAFF: "staff", MODERATOR: "moderator", DPO: "dpo", ADMIN: "admin" },
  VerificationLevel: {
    UNVERIFIED: "unverified",
    EMAIL_VERIFIED: "email_verified",
    RESIDENT_VERIFIED: "resident_verified",
  },
};
