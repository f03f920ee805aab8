// Validation of a partner's webhook subscription: typed refusals (the GraphQL result union's problem types), so a
// malformed subscription never reaches storage or the relay.
import { randomBytes } from "node:crypto";
import { newId } from "../../platform/ids.ts";
import type { WebhookSubscription } from "./dispatcher.ts";
import { partnerEventCatalog, partnerEventType } from "./partnerEvents.ts";
import { checkWebhookUrl, type WebhookUrlProblem } from "./webhooks.ts";

/** Event types partners may subscribe to, and the scope each needs (declared with their partner projection). */
export function eventTypeScopes(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(partnerEventCatalog()).map(([type, declaration]) => [type, declaration.scope]),
  );
}

export interface SubscriptionInput {
  url: string;
  eventTypes: string[];
  filter?: Record<string, string>;
}

export type SubscriptionProblem =
  | { kind: WebhookUrlProblem; message: string }
  | { kind: "UnknownEventType"; message: string; eventType: string }
  | { kind: "MissingScope"; message: string; scope: string }
  | { kind: "UnknownFilterField"; message: string; field: string };

const URL_MESSAGES: Record<WebhookUrlProblem, string> = {
  InvalidWebhookUrl: "L'adresse du webhook n'est pas une URL http(s) valide.",
  InsecureWebhookUrl: "En production, un webhook doit utiliser https.",
  PrivateWebhookAddress: "Un webhook ne peut pas viser une adresse privée ou locale.",
};

export function validateSubscription(
  input: SubscriptionInput,
  partner: { clientId: string; scopes: readonly string[] },
  production: boolean,
): { ok: true; subscription: WebhookSubscription } | { ok: false; problem: SubscriptionProblem } {
  const urlProblem = checkWebhookUrl(input.url, production);
  if (urlProblem) return { ok: false, problem: { kind: urlProblem, message: URL_MESSAGES[urlProblem] } };
  if (input.eventTypes.length === 0)
    return {
      ok: false,
      problem: { kind: "UnknownEventType", message: "Aucun type d'événement.", eventType: "" },
    };
  for (const eventType of input.eventTypes) {
    const scope = partnerEventType(eventType)?.scope;
    if (!scope)
      return {
        ok: false,
        problem: {
          kind: "UnknownEventType",
          message: `Type d'événement inconnu : ${eventType.slice(0, 80)}.`,
          eventType,
        },
      };
    if (!partner.scopes.includes(scope))
      return { ok: false, problem: { kind: "MissingScope", message: `Portée requise : ${scope}.`, scope } };
  }
  // A filter may name only what every subscribed type shows partners: filtering on a hidden field (an account id)
  // would tell the partner, by what arrives, what the field holds.
  for (const field of Object.keys(input.filter ?? {})) {
    const projected = input.eventTypes.every((type) =>
      Object.hasOwn(partnerEventType(type)?.fields ?? {}, field),
    );
    if (!projected)
      return {
        ok: false,
        problem: {
          kind: "UnknownFilterField",
          message: `Filtre impossible sur « ${field.slice(0, 80)} » : seuls les champs livrés aux partenaires par chacun des types demandés peuvent filtrer.`,
          field: field.slice(0, 200),
        },
      };
  }
  return {
    ok: true,
    subscription: {
      id: newId(),
      partnerClientId: partner.clientId,
      url: input.url,
      secret: randomBytes(32).toString("hex"),
      eventTypes: [...new Set(input.eventTypes)],
      filter: input.filter ?? {},
    },
  };
}
