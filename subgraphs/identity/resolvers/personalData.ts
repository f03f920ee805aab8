// The person's rights over their data (export, erasure) and the platform's erasure of accounts deleted on
// MonStrasbourg.eu. Erasure reaches every subgraph holding personal data through its own `_eraseAccountData`
// mutation (ctx.internal), never its tables.

import type { SubgraphName } from "../../kit/config.ts";
import type { SubgraphContext } from "../../kit/context.ts";
import { badUserInput } from "../../kit/errors.ts";
import { isUuid } from "../../kit/ids.ts";
import { isUpstreamUnavailable, toGraphQLError } from "../../kit/resilience/upstream.ts";
import { type Erasure, eraseAccountEverywhere } from "../domain/eraseAccountEverywhere.ts";
import { findAccountsDeletedUpstream } from "../domain/findAccountsDeletedUpstream.ts";
import type { IdentityLoaders } from "../loaders.ts";
import { currentAccount } from "./currentAccount.ts";

type Ctx = SubgraphContext<IdentityLoaders>;

const ERASE = /* GraphQL */ `mutation Erase($accountId: ID!) {
  _eraseAccountData(accountId: $accountId) { subgraph erased pseudonymised }
}`;

const NOT_A_PERSON = {
  __typename: "NotAPersonAccount",
  message: "Seul un compte personnel a des données à exporter ou effacer.",
};

async function eraseLocally(ctx: Ctx, accountId: string): Promise<Erasure> {
  const counts = await ctx.loaders.store.eraseAccount(accountId);
  await ctx.loaders.directory.forgetProfile(accountId);
  return { subgraph: "identity", ...counts };
}

function eraseEverywhere(ctx: Ctx, accountId: string) {
  return eraseAccountEverywhere(
    ctx.internal.personalDataHolders,
    async (subgraph) =>
      (
        await ctx.internal.request<{ _eraseAccountData: Erasure }>(subgraph as SubgraphName, ERASE, {
          accountId,
        })
      )._eraseAccountData,
    () => eraseLocally(ctx, accountId),
  );
}

export const personalDataMutations = {
  async exportMyData(_: unknown, __: unknown, ctx: Ctx) {
    const account = await currentAccount(ctx);
    if (!account) return NOT_A_PERSON;
    const requestId = await ctx.loaders.store.recordDataRequest(account.id, "export");
    const stored = await ctx.loaders.store.exportAccount(account.id);
    let profile: unknown = null;
    try {
      profile = await ctx.loaders.profile.load(account.id);
    } catch (error) {
      if (!isUpstreamUnavailable(error)) throw error;
      profile = { unavailable: "MonStrasbourg.eu ne répond pas : le profil n'a pas pu être lu." };
    }
    await ctx.loaders.store.completeDataRequest(requestId, { kind: "export" });
    return {
      __typename: "PersonalDataExport",
      accountId: account.id,
      exportedAt: new Date(),
      identity: { account: stored, monStrasbourgProfile: profile },
    };
  },

  async eraseMyAccount(_: unknown, args: { confirm: boolean }, ctx: Ctx) {
    if (args.confirm !== true) {
      return { __typename: "ErasureNotConfirmed", message: "Confirmez l'effacement : il est irréversible." };
    }
    const account = await currentAccount(ctx);
    if (!account) return NOT_A_PERSON;
    const requestId = await ctx.loaders.store.recordDataRequest(account.id, "erasure");
    const outcome = await eraseEverywhere(ctx, account.id);
    await ctx.loaders.store.completeDataRequest(requestId, outcome as unknown as Record<string, unknown>);
    ctx.log.info(
      { outcome: outcome.kind, subgraphs: outcome.erasures.length },
      "account erasure requested by its owner",
    );
    if (outcome.kind === "incomplete") {
      return {
        __typename: "ErasureIncomplete",
        message:
          "Certains services n'ont pas pu effacer vos données ; rien n'est perdu, renouvelez la demande.",
        pendingSubgraphs: outcome.pending,
      };
    }
    return { __typename: "AccountErased", erasures: outcome.erasures };
  },

  async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
    if (!isUuid(args.accountId))
      throw badUserInput("Identifiant de compte invalide.", { argument: "accountId" });
    return eraseLocally(ctx, args.accountId);
  },

  /** Scheduled by the gateway process: evidence of data requests is kept RETENTION_DATA_REQUESTS_DAYS. */
  async _applyRetention(_: unknown, __: unknown, ctx: Ctx) {
    const before = new Date(Date.now() - ctx.config.RETENTION_DATA_REQUESTS_DAYS * 86_400_000);
    const removed = await ctx.loaders.store.deleteDataRequestsBefore(before);
    return [{ subgraph: "identity", rule: "data_requests", removed }];
  },

  /** Scheduled by the gateway process: accounts deleted on MonStrasbourg.eu are erased everywhere. */
  async _syncDeletedAccounts(_: unknown, __: unknown, ctx: Ctx) {
    let deleted: string[];
    try {
      deleted = await findAccountsDeletedUpstream(ctx.loaders.store, ctx.loaders.directory);
    } catch (error) {
      throw toGraphQLError(error);
    }
    let erased = 0;
    for (const accountId of deleted) {
      if ((await eraseEverywhere(ctx, accountId)).kind === "erased") erased++;
    }
    return { deletedUpstream: deleted.length, erased, failed: deleted.length - erased };
  },
};

export const personalDataExport = {
  // Only the person may read their export: the key is checked against the caller, not trusted.
  __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
    ref.accountId === ctx.caller.accountId ? ref : null,
};
