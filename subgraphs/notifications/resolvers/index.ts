// Notifications resolvers: thin — validate input, call the store or the relay, map the result.

import { z } from "zod";
import type { SubgraphContext } from "../../../platform/context.ts";
import { badUserInput, upstreamUnavailable } from "../../../platform/errors.ts";
import { isUuid } from "../../../platform/ids.ts";
import { InternalCallError } from "../../../platform/internalClient.ts";
import { DateTimeScalar, JSONScalar } from "../../../platform/scalars.ts";
import type { FollowKind, FollowRecord, NotificationStore } from "../adapters/sqlNotificationStore.ts";
import { createOutboxRelay, outboxCall } from "../relay.ts";
import { validateSubscription } from "../subscriptions.ts";
import { outboxSources } from "../worker.ts";

type Ctx = SubgraphContext<{ store: NotificationStore }>;

const KINDS: Record<string, FollowKind> = {
  REPORT: "report",
  PETITION: "petition",
  QUARTIER: "quartier",
  PROJECT: "project",
  CONSULTATION: "consultation",
};

function uuid(value: string, argument: string): string {
  if (!isUuid(value)) throw badUserInput("Identifiant invalide.", { argument });
  return value;
}

const SubscriptionInput = z.object({
  url: z.string().trim().min(1).max(2000),
  eventTypes: z.array(z.string().min(1).max(100)).min(1).max(20),
  filters: z
    .array(z.object({ field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,49}$/), value: z.string().max(200) }))
    .max(10)
    .nullish(),
});

/**
 * Runs `work` on a relay over an emitting subgraph's outbox port (any other name is refused). That subgraph being
 * down or refusing is said as such — UPSTREAM_UNAVAILABLE naming it — not as an internal error.
 */
async function onOutbox<T>(
  ctx: Ctx,
  name: string,
  work: (relay: ReturnType<typeof createOutboxRelay>) => Promise<T>,
): Promise<T> {
  const source = (await outboxSources()).find((candidate) => candidate === name);
  if (!source) throw badUserInput("Service émetteur inconnu.", { argument: "source" });
  try {
    return await work(createOutboxRelay(outboxCall(ctx.internal, source), { source }));
  } catch (error) {
    if (error instanceof InternalCallError) throw upstreamUnavailable(source);
    throw error;
  }
}

const subscriptionView = (s: { filter: Record<string, string> }) => ({
  ...s,
  filter: JSON.stringify(s.filter),
});

export const resolvers = {
  Query: {
    myFollows: (_: unknown, __: unknown, ctx: Ctx) =>
      ctx.loaders.store.followsOf(ctx.caller.accountId as string),
    myWebhookSubscriptions: async (_: unknown, __: unknown, ctx: Ctx) =>
      (await ctx.loaders.store.subscriptionsOf(ctx.caller.partnerClientId as string)).map(subscriptionView),
    deadLetteredEvents: (_: unknown, args: { source: string }, ctx: Ctx) =>
      onOutbox(ctx, args.source, (relay) => relay.deadLettered()),
  },
  Mutation: {
    follow: (_: unknown, args: { kind: string; subjectId: string }, ctx: Ctx) =>
      ctx.loaders.store.follow(
        ctx.caller.accountId as string,
        KINDS[args.kind] as FollowKind,
        uuid(args.subjectId, "subjectId"),
      ),
    unfollow: (_: unknown, args: { kind: string; subjectId: string }, ctx: Ctx) =>
      ctx.loaders.store.unfollow(
        ctx.caller.accountId as string,
        KINDS[args.kind] as FollowKind,
        uuid(args.subjectId, "subjectId"),
      ),
    async createWebhookSubscription(_: unknown, args: { input: unknown }, ctx: Ctx) {
      const parsed = SubscriptionInput.safeParse(args.input);
      if (!parsed.success) throw badUserInput("Abonnement invalide.", { argument: "input" });
      const filter = Object.fromEntries((parsed.data.filters ?? []).map((f) => [f.field, f.value]));
      const result = validateSubscription(
        { url: parsed.data.url, eventTypes: parsed.data.eventTypes, filter },
        { clientId: ctx.caller.partnerClientId as string, scopes: ctx.caller.scopes },
        ctx.config.NODE_ENV === "production",
      );
      if (!result.ok) {
        const { kind, ...fields } = result.problem;
        return { __typename: kind, ...fields };
      }
      const saved = await ctx.loaders.store.saveSubscription(result.subscription);
      ctx.log.info(
        { subscriptionId: saved.id, partner: saved.partnerClientId },
        "webhook subscription created",
      );
      return {
        __typename: "WebhookSubscriptionCreated",
        subscription: subscriptionView(saved),
        secret: saved.secret,
      };
    },
    deleteWebhookSubscription: (_: unknown, args: { id: string }, ctx: Ctx) =>
      ctx.loaders.store.deleteSubscription(ctx.caller.partnerClientId as string, uuid(args.id, "id")),
    async replayDeadLetteredEvents(
      _: unknown,
      args: { source: string; eventIds?: string[] | null },
      ctx: Ctx,
    ) {
      const ids = args.eventIds?.map((id) => uuid(id, "eventIds"));
      const replayed = await onOutbox(ctx, args.source, (relay) => relay.replayDeadLettered(ids));
      ctx.log.info({ source: args.source, replayed }, "dead-lettered events replayed by staff");
      return replayed;
    },
    async _eraseAccountData(_: unknown, args: { accountId: string }, ctx: Ctx) {
      const erased = await ctx.loaders.store.eraseAccount(uuid(args.accountId, "accountId"));
      return { subgraph: "notifications", erased, pseudonymised: 0 };
    },
  },
  Follow: {
    // Shield does not wrap references: only the person's own follows resolve, anything else is null.
    async __resolveReference(ref: { id: string }, ctx: Ctx) {
      if (!ctx.caller.accountId || ctx.caller.kind === "partner" || !isUuid(ref.id)) return null;
      return (await ctx.loaders.store.followsOf(ctx.caller.accountId)).find((f) => f.id === ref.id) ?? null;
    },
    kind: (follow: FollowRecord) => follow.kind.toUpperCase(),
  },
  PersonalDataExport: {
    // Only the person's own export: the key is checked against the caller, never trusted.
    __resolveReference: (ref: { accountId: string }, ctx: Ctx) =>
      ctx.caller.accountId && ref.accountId === ctx.caller.accountId ? ref : null,
    notifications: (ref: { accountId: string }, _: unknown, ctx: Ctx) =>
      ctx.loaders.store.exportAccount(ref.accountId),
  },
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
};
