// Resolvers of the Observatory's referrals: thin — check arguments, call a command or the store, map the outcome.
// The referrer is shown only to themselves and to staff; everyone else reads the public lifecycle.

import { parsePage, toConnection } from "../../../platform/pagination.ts";
import { isStaffCaller } from "../../../platform/permissions.ts";
import { answerReferral, examineReferral } from "../domain/observatory/decideReferral.ts";
import type { ReferralRecord, ReferralStatus } from "../domain/observatory/model.ts";
import { REFERRAL_STATUSES } from "../domain/observatory/model.ts";
import { type ReferralInput, referToObservatory } from "../domain/observatory/referToObservatory.ts";
import type { ReferralFilter } from "../ports/referralStore.ts";
import { type Ctx, ListKeySchema, requireUuid, toUnion } from "./shared.ts";

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const keyOf = (referral: ReferralRecord) => [referral.submittedAt.toISOString(), referral.id];

const referralContext = (ctx: Ctx) => ({
  referrals: ctx.loaders.referrals,
  caller: ctx.caller,
  now: new Date(),
});

async function page(filter: ReferralFilter, args: PageArgs, ctx: Ctx) {
  const { first, after } = parsePage(args, ListKeySchema);
  const [rows, totalCount] = await Promise.all([
    ctx.loaders.referrals.list(filter, first + 1, after ?? null),
    ctx.loaders.referrals.count(filter),
  ]);
  return { ...toConnection(rows, first, keyOf), totalCount };
}

const isReferrer = (referral: ReferralRecord, ctx: Ctx) =>
  ctx.caller.accountId !== null && referral.referrerAccountId === ctx.caller.accountId;

const upperCased = (values: readonly string[]) =>
  Object.fromEntries(values.map((value) => [value.toUpperCase(), value]));

export const observatoryResolvers = {
  ObservatoryReferralStatus: upperCased(REFERRAL_STATUSES),
  ObservatoryReferrerKind: upperCased(["citizen", "collective"]),
  Query: {
    observatoryReferrals: (_: unknown, args: PageArgs & { status?: ReferralStatus | null }, ctx: Ctx) =>
      page(args.status ? { status: args.status } : {}, args, ctx),
    observatoryReferral: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.referral.load(requireUuid(args.id, "id")),
    myObservatoryReferrals: (_: unknown, args: PageArgs, ctx: Ctx) =>
      ctx.caller.accountId ? page({ referrerAccountId: ctx.caller.accountId }, args, ctx) : null,
  },
  Mutation: {
    async referToObservatory(_: unknown, args: { input: ReferralInput }, ctx: Ctx) {
      const input = args.input;
      if (input.projectId) requireUuid(input.projectId, "input.projectId");
      return toUnion(await referToObservatory(input, referralContext(ctx)), "ObservatoryReferralSubmitted");
    },
    async examineObservatoryReferral(_: unknown, args: { id: string }, ctx: Ctx) {
      const id = requireUuid(args.id, "id");
      return toUnion(await examineReferral(id, referralContext(ctx)), "ObservatoryReferralUpdated");
    },
    async answerObservatoryReferral(
      _: unknown,
      args: { id: string; answer: string; withinRemit?: boolean | null },
      ctx: Ctx,
    ) {
      const id = requireUuid(args.id, "id");
      const result = await answerReferral(id, args.answer, args.withinRemit ?? true, referralContext(ctx));
      return toUnion(result, "ObservatoryReferralUpdated");
    },
  },
  ObservatoryReferral: {
    project: (referral: ReferralRecord, _: unknown, ctx: Ctx) =>
      referral.projectId ? ctx.loaders.project.load(referral.projectId) : null,
    viewerIsReferrer: (referral: ReferralRecord, _: unknown, ctx: Ctx) => isReferrer(referral, ctx),
    referrer: (referral: ReferralRecord, _: unknown, ctx: Ctx) =>
      isReferrer(referral, ctx) || isStaffCaller(ctx.caller)
        ? {
            kind: referral.referrerKind,
            collectiveName: referral.collectiveName,
            account: referral.referrerAccountId ? { id: referral.referrerAccountId } : null,
          }
        : null,
  },
};
