// The person's rights over their data (export, erasure) and the platform's erasure of accounts deleted on
// MonStrasbourg.eu. Erasure reaches every subgraph holding personal data through its own `_eraseAccountData`
// mutation (ctx.internal), never its tables. Each request the person makes is kept as evidence here
// (identity.data_request) and recorded in the staff subgraph's audit trail (`_recordAudit`) once handled.

import type { SubgraphName } from "../../../platform/config.ts";
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { isUpstreamUnavailable, toGraphQLError } from "../../../platform/resilience/upstream.ts";
import { dataRequestAuditRecord, type HandledDataRequest } from "../domain/dataRequestAuditRecord.ts";
import { type Erasure, eraseAccountEverywhere } from "../domain/eraseAccountEverywhere.ts";
import { findAccountsDeletedUpstream } from "../domain/findAccountsDeletedUpstream.ts";
import type { IdentityLoaders } from "../loaders.ts";
import { currentAccount } from "./currentAccount.ts";

type Ctx = SubgraphContext<IdentityLoaders>;

const ERASE = /* GraphQL */ `mutation Erase($accountId: ID!) {
  _eraseAccountData(accountId: $accountId) { subgraph erased pseudonymised }
}`;

const RECORD_AUDIT = /* GraphQL */ `mutation RecordAudit($records: [AuditRecordInput!]!) {
  _recordAudit(records: $records) { id ledgerIndex }
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

/**
 * Records a handled request in the staff audit trail. Never fails the person's request: if the staff subgraph cannot
 * be reached, a warning is logged and identity.data_request remains the evidence (the record's id is the request's,
 * so a record written later from that row keeps the link, and a retried write never makes a second one).
 */
export async function recordInAuditTrail(
  ctx: Pick<Ctx, "internal" | "log" | "config" | "requestId">,
  dataRequestId: string,
  accountId: string,
  request: HandledDataRequest,
  evidence: unknown,
  args: Record<string, unknown>,
): Promise<boolean> {
  const record = dataRequestAuditRecord({
    dataRequestId,
    accountId,
    request,
    evidence,
    args,
    hashSecret: ctx.config.AUDIT_HASH_SECRET,
    requestId: ctx.requestId,
    at: new Date(),
  });
  try {
    await ctx.internal.request("staff", RECORD_AUDIT, { records: [record] });
    return true;
  } catch (error) {
    ctx.log.warn(
      { dataRequestId, kind: request.kind, err: (error as Error).message },
      "data request not recorded in the staff audit trail; identity.data_request keeps the evidence",
    );
    return false;
  }
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
    const evidence = { kind: "export" };
    await ctx.loaders.store.completeDataRequest(requestId, evidence);
    // Read once this request is complete: the export lists itself among the person's requests.
    const dataRequests = await ctx.loaders.store.dataRequestsOf(account.id);
    const parts = ["identity", ...ctx.internal.personalDataHolders];
    await recordInAuditTrail(ctx, requestId, account.id, { kind: "export", parts }, evidence, {});
    return {
      __typename: "PersonalDataExport",
      accountId: account.id,
      exportedAt: new Date(),
      identity: { account: stored, monStrasbourgProfile: profile, dataRequests },
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
    await recordInAuditTrail(ctx, requestId, account.id, { kind: "erasure", outcome }, outcome, {
      confirm: args.confirm,
    });
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
    ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
};
