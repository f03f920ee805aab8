// Identity resolvers: thin — validate input, call a domain command or a loader, map the result.
import type { SubgraphContext } from "../../kit/context.ts";
import { badUserInput } from "../../kit/errors.ts";
import { isUuid } from "../../kit/ids.ts";
import { recordSignIn } from "../domain/recordSignIn.ts";
import type { IdentityLoaders } from "../loaders.ts";
import type { AccountRecord } from "../ports/accountStore.ts";

type Ctx = SubgraphContext<IdentityLoaders>;

const PUBLIC_ROLES = ["citizen", "staff", "moderator", "dpo", "admin"] as const;

async function currentAccount(ctx: Ctx): Promise<AccountRecord | null> {
  if (!ctx.caller.accountId) return null;
  await recordSignIn(ctx.caller, ctx.loaders.store, ctx.cache);
  return ctx.loaders.account.load(ctx.caller.accountId);
}

export const resolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: Ctx) => currentAccount(ctx),
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
  },
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
