// Notifications permissions (deny by default): citizens manage what they follow, partner clients their webhook
// subscriptions (and only event types their scopes allow, checked in the resolver), administrators replay dead
// letters, the platform erases, a person reads their own export. The types returned are reachable only through
// these gated roots.
import type { IRules } from "graphql-shield";
import type { SubgraphContext } from "../../platform/context.ts";
import { forbidden, unauthenticated } from "../../platform/errors.ts";
import { allow, hasRole, isAuthenticated, isSystem, rule } from "../../platform/permissions.ts";

const isPerson = rule({ cache: "contextual" })((_parent, _args, ctx: SubgraphContext) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return ctx.caller.accountId && ctx.caller.kind !== "partner" ? true : forbidden();
});

const isPartner = rule({ cache: "contextual" })((_parent, _args, ctx: SubgraphContext) => {
  if (ctx.caller.kind === "anonymous") return unauthenticated();
  return ctx.caller.kind === "partner" && ctx.caller.partnerClientId ? true : forbidden();
});

const isAdmin = hasRole("admin");

export const permissions: IRules = {
  Query: { myFollows: isPerson, myWebhookSubscriptions: isPartner, deadLetteredEvents: isAdmin },
  Mutation: {
    follow: isPerson,
    unfollow: isPerson,
    createWebhookSubscription: isPartner,
    deleteWebhookSubscription: isPartner,
    replayDeadLetteredEvents: isAdmin,
    _eraseAccountData: isSystem,
  },
  Follow: allow,
  WebhookSubscription: allow,
  WebhookSubscriptionCreated: allow,
  InvalidWebhookUrl: allow,
  InsecureWebhookUrl: allow,
  PrivateWebhookAddress: allow,
  UnknownEventType: allow,
  MissingScope: allow,
  UnknownFilterField: allow,
  DeadLetteredEvent: allow,
  AccountErasure: isSystem,
  // Only the person's own export resolves (see its __resolveReference); its field needs a signed-in caller.
  PersonalDataExport: isAuthenticated,
};
